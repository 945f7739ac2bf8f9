package ai.fym.engine.edit;

import ai.fym.engine.image.RgbImage;

/**
 * The {@code grade} edit: a teal-orange film look, the most common colour grade in cinema. A contrast
 * S-curve, then per-channel lift/gamma/gain (lift pushes shadows towards teal, gain warms highlights
 * towards orange, as a colourist's three wheels would), then a saturation boost around BT.601 luma.
 * The tone curves are baked into three 256-entry tables per frame, so a frame costs two passes of
 * table lookups and integer arithmetic.
 *
 * <p>Per frame each parameter moves by a few percent (gains {@value #GAIN_SIGMA}, gammas
 * {@value #GAMMA_SIGMA}, contrast and saturation {@value #SHAPE_SIGMA} relative; lifts
 * {@value #LIFT_SIGMA} absolute).
 */
final class Grade implements FrameEditor {
  static final String NAME = "grade";

  private static final double[] LIFT = {0.0, 0.035, 0.07};
  private static final double[] GAMMA = {1.06, 1.0, 0.94};
  private static final double[] GAIN = {1.08, 1.0, 0.86};
  private static final double CONTRAST = 0.45;
  private static final double SATURATION = 1.25;
  private static final double GAIN_SIGMA = 0.015;
  private static final double GAMMA_SIGMA = 0.02;
  private static final double SHAPE_SIGMA = 0.04;
  private static final double LIFT_SIGMA = 0.006;
  private static final int FIXED_ONE = 1 << 12;

  private final long seed;

  Grade(long seed) {
    this.seed = seed;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public RgbImage edit(RgbImage frame, int frameIndex) {
    FrameJitter jitter = new FrameJitter(seed, frameIndex);
    double contrast = jitter.times(CONTRAST, SHAPE_SIGMA);
    int[][] curves = new int[3][];
    for (int c = 0; c < 3; c++) {
      curves[c] = toneCurve(contrast, jitter.plus(LIFT[c], LIFT_SIGMA), jitter.times(GAMMA[c], GAMMA_SIGMA),
          jitter.times(GAIN[c], GAIN_SIGMA));
    }
    int saturation = (int) Math.round(jitter.times(SATURATION, SHAPE_SIGMA) * FIXED_ONE);

    byte[] in = frame.rgb();
    byte[] out = new byte[in.length];
    for (int i = 0; i < in.length; i += 3) {
      int r = curves[0][in[i] & 0xff];
      int g = curves[1][in[i + 1] & 0xff];
      int b = curves[2][in[i + 2] & 0xff];
      int luma = (299 * r + 587 * g + 114 * b) / 1000;
      out[i] = clamp(luma + (((r - luma) * saturation) >> 12));
      out[i + 1] = clamp(luma + (((g - luma) * saturation) >> 12));
      out[i + 2] = clamp(luma + (((b - luma) * saturation) >> 12));
    }
    return new RgbImage(frame.width(), frame.height(), out);
  }

  /** Output 0..255 for every input value: S-curve blended by {@code contrast}, then lift/gamma/gain. */
  private static int[] toneCurve(double contrast, double lift, double gamma, double gain) {
    int[] curve = new int[256];
    for (int v = 0; v < 256; v++) {
      double x = v / 255.0;
      double s = x * x * (3 - 2 * x);
      double toned = x + contrast * (s - x);
      double lifted = lift + (1 - lift) * toned;
      double y = gain * Math.pow(Math.max(0, lifted), 1 / gamma);
      curve[v] = (int) Math.round(Math.max(0, Math.min(1, y)) * 255);
    }
    return curve;
  }

  private static byte clamp(int v) {
    return (byte) (v < 0 ? 0 : Math.min(255, v));
  }
}
