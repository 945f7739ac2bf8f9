package ai.fym.engine.edit;

/**
 * sRGB transfer curve as lookup tables, so the editors can change light in linear light (where
 * light adds and scales physically) at the cost of a table lookup per channel.
 */
final class Srgb {
  /** Linear values are quantised to this many steps on the way back to 8 bits. */
  static final int LINEAR_STEPS = 4096;

  private static final float[] TO_LINEAR = new float[256];
  private static final byte[] FROM_LINEAR = new byte[LINEAR_STEPS + 1];

  static {
    for (int v = 0; v < 256; v++) {
      double c = v / 255.0;
      TO_LINEAR[v] = (float) (c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4));
    }
    for (int i = 0; i <= LINEAR_STEPS; i++) {
      double l = i / (double) LINEAR_STEPS;
      double c = l <= 0.0031308 ? l * 12.92 : 1.055 * Math.pow(l, 1 / 2.4) - 0.055;
      FROM_LINEAR[i] = (byte) Math.round(c * 255);
    }
  }

  private Srgb() {}

  /** Linear light in [0, 1] of an 8-bit sRGB value. */
  static float toLinear(int value) {
    return TO_LINEAR[value];
  }

  /** The 8-bit sRGB value of linear light, clipped to [0, 1]. */
  static byte fromLinear(float linear) {
    int i = (int) (linear * LINEAR_STEPS + 0.5f);
    return FROM_LINEAR[i < 0 ? 0 : Math.min(LINEAR_STEPS, i)];
  }
}
