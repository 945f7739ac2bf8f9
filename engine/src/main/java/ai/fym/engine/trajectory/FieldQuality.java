package ai.fym.engine.trajectory;

/**
 * How well a trained field explains its shot, without any ground truth: the photometric error is the mean
 * absolute BT.601 luma difference (grey levels) between the shot's first working frame sampled at each pixel's
 * mapped position and the pixel itself, over every pixel of every frame at the working resolution. A perfect
 * field of a shot whose appearance does not change scores 0; occlusions and lighting changes set its floor.
 * Positions mapped outside the first frame are clamped to its border.
 */
public final class FieldQuality {
  private FieldQuality() {}

  /** The mean absolute luma error of {@code field} on {@code shot} (the sequence it was trained on). */
  public static double photometricError(TrajectoryField field, ShotSequence shot) {
    int w = shot.width();
    int h = shot.height();
    if (field.width() != w || field.height() != h || field.frames() != shot.frames()) {
      throw new IllegalArgumentException("the field was trained on " + field.frames() + " frames of "
          + field.width() + "x" + field.height() + ", the shot has " + shot.frames() + " of " + w + "x" + h);
    }
    float[] first = luma(shot.rgb(0));
    double sum = 0;
    for (int t = 0; t < shot.frames(); t++) {
      float[] map = field.toFirst(t, w, h);
      float[] frame = luma(shot.rgb(t));
      for (int i = 0; i < frame.length; i++) {
        float x = Math.max(0f, Math.min(w - 1f, map[2 * i]));
        float y = Math.max(0f, Math.min(h - 1f, map[2 * i + 1]));
        sum += Math.abs(bilinear(first, w, h, x, y) - frame[i]);
      }
    }
    return sum / ((double) w * h * shot.frames());
  }

  private static float[] luma(float[] rgb) {
    float[] out = new float[rgb.length / 3];
    for (int i = 0; i < out.length; i++) {
      out[i] = 0.299f * rgb[3 * i] + 0.587f * rgb[3 * i + 1] + 0.114f * rgb[3 * i + 2];
    }
    return out;
  }

  private static float bilinear(float[] v, int w, int h, float x, float y) {
    int x0 = Math.min((int) x, Math.max(0, w - 2));
    int y0 = Math.min((int) y, Math.max(0, h - 2));
    int x1 = Math.min(w - 1, x0 + 1);
    int y1 = Math.min(h - 1, y0 + 1);
    float ax = x - x0;
    float ay = y - y0;
    float top = v[y0 * w + x0] + (v[y0 * w + x1] - v[y0 * w + x0]) * ax;
    float bottom = v[y1 * w + x0] + (v[y1 * w + x1] - v[y1 * w + x0]) * ax;
    return top + (bottom - top) * ay;
  }
}
