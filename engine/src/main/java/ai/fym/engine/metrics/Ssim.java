package ai.fym.engine.metrics;

import ai.fym.engine.image.RgbImage;

/**
 * Structural similarity (Wang et al. 2004) on BT.601 luma with the 8x8 square window of the original
 * paper, moved one pixel at a time over every position that lies fully inside the image, with
 * {@code K1 = 0.01}, {@code K2 = 0.03}, {@code L = 255} and population (1/N) variances; the score is
 * the mean over positions. Box windows are computed with running sums, so the cost per pixel does not
 * depend on the window (a Gaussian 11x11 window cost as much as the rest of the evaluator together).
 * Images smaller than the window use one window of their smaller side.
 */
final class Ssim {
  private static final int WINDOW = 8;
  private static final double C1 = Math.pow(0.01 * 255, 2);
  private static final double C2 = Math.pow(0.03 * 255, 2);
  private static final int MOMENTS = 5;

  private Ssim() {}

  /** Mean SSIM of {@code a} against {@code b} (same size), in [-1, 1]; 1 for identical images. */
  static double of(RgbImage a, RgbImage b) {
    int w = a.width();
    int h = a.height();
    int k = Math.min(WINDOW, Math.min(w, h));
    float[] x = luma(a);
    float[] y = luma(b);
    int ow = w - k + 1;
    int oh = h - k + 1;
    // window sums along x of the five moments (x, y, x^2, y^2, xy) of the last k rows, in a ring;
    // each column keeps the sums of those k rows
    double[][][] ring = new double[k][MOMENTS][ow];
    double[][] cols = new double[MOMENTS][ow];
    double[] s = new double[MOMENTS];
    double inv = 1.0 / ((double) k * k);
    double total = 0;
    for (int row = 0; row < h; row++) {
      double[][] slot = ring[row % k];
      for (int q = 0; q < MOMENTS; q++) {
        double[] c = cols[q];
        double[] old = slot[q];
        for (int i = 0; i < ow; i++) {
          c[i] -= old[i];
        }
      }
      java.util.Arrays.fill(s, 0);
      int base = row * w;
      for (int i = 0; i < w; i++) {
        add(s, x[base + i], y[base + i], 1);
        if (i >= k) {
          add(s, x[base + i - k], y[base + i - k], -1);
        }
        if (i >= k - 1) {
          for (int q = 0; q < MOMENTS; q++) {
            slot[q][i - k + 1] = s[q];
            cols[q][i - k + 1] += s[q];
          }
        }
      }
      if (row >= k - 1) {
        for (int i = 0; i < ow; i++) {
          double mux = cols[0][i] * inv;
          double muy = cols[1][i] * inv;
          double vx = cols[2][i] * inv - mux * mux;
          double vy = cols[3][i] * inv - muy * muy;
          double cov = cols[4][i] * inv - mux * muy;
          total += (2 * mux * muy + C1) * (2 * cov + C2) / ((mux * mux + muy * muy + C1) * (vx + vy + C2));
        }
      }
    }
    return total / ((double) ow * oh);
  }

  private static void add(double[] s, double vx, double vy, int sign) {
    s[0] += sign * vx;
    s[1] += sign * vy;
    s[2] += sign * vx * vx;
    s[3] += sign * vy * vy;
    s[4] += sign * vx * vy;
  }

  private static float[] luma(RgbImage image) {
    byte[] rgb = image.rgb();
    float[] out = new float[image.width() * image.height()];
    for (int i = 0; i < out.length; i++) {
      out[i] = 0.299f * (rgb[3 * i] & 0xff) + 0.587f * (rgb[3 * i + 1] & 0xff) + 0.114f * (rgb[3 * i + 2] & 0xff);
    }
    return out;
  }
}
