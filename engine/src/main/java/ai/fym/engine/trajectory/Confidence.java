package ai.fym.engine.trajectory;

import ai.fym.engine.image.RgbImage;

/**
 * The field's occlusion estimate: how surely a pixel of frame t is the first frame's pixel where the field maps
 * it. A field maps every pixel somewhere, also pixels that the first frame does not show (disocclusions) or shows
 * differently (a new expression, a lighting change); there the first frame's colour at the mapped position
 * disagrees with the pixel's. Confidence is 1 for a luma difference within half the tolerance, 0 beyond the
 * tolerance or outside the first frame, and a smoothstep between. One definition for every user of fields.
 */
public final class Confidence {
  private Confidence() {}

  /** The confidence for a luma difference (grey levels) under {@code tolerance}. */
  public static float ofLumaDifference(float difference, double tolerance) {
    double half = tolerance / 2;
    double u = Math.min(1.0, Math.max(0.0, (Math.abs(difference) - half) / half));
    return (float) (1 - u * u * (3 - 2 * u));
  }

  /**
   * The confidence of every pixel of {@code frame} given {@code toFirst} (interleaved (x, y) positions in
   * {@code first}, as {@link TrajectoryField#toFirst} returns at the frame's size).
   */
  public static float[] of(RgbImage frame, RgbImage first, float[] toFirst, double tolerance) {
    int w = frame.width();
    int h = frame.height();
    if (first.width() != w || first.height() != h || toFirst.length != 2 * w * h) {
      throw new IllegalArgumentException("frame, first frame and map must have the same size");
    }
    byte[] f = frame.rgb();
    byte[] o = first.rgb();
    float[] out = new float[w * h];
    for (int p = 0; p < w * h; p++) {
      float x = toFirst[2 * p];
      float y = toFirst[2 * p + 1];
      if (!(x >= 0 && y >= 0 && x <= w - 1 && y <= h - 1)) {
        continue;
      }
      int x0 = Math.min(w - 2, (int) x);
      int y0 = Math.min(h - 2, (int) y);
      float ax = x - x0;
      float ay = y - y0;
      int q = y0 * w + x0;
      float top = luma(o, q) * (1 - ax) + luma(o, q + 1) * ax;
      float bottom = luma(o, q + w) * (1 - ax) + luma(o, q + w + 1) * ax;
      out[p] = ofLumaDifference(luma(f, p) - (top * (1 - ay) + bottom * ay), tolerance);
    }
    return out;
  }

  private static float luma(byte[] rgb, int p) {
    return 0.299f * (rgb[3 * p] & 0xff) + 0.587f * (rgb[3 * p + 1] & 0xff) + 0.114f * (rgb[3 * p + 2] & 0xff);
  }
}
