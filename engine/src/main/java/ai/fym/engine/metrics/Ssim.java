package ai.fym.engine.metrics;

import ai.fym.engine.image.RgbImage;

/**
 * Structural similarity (Wang et al. 2004) on BT.601 luma with the standard 11x11 Gaussian window
 * (sigma 1.5), {@code K1 = 0.01}, {@code K2 = 0.03}, {@code L = 255}, averaged over every window
 * position that lies fully inside the image ("valid" filtering, as in the reference implementation).
 * Images smaller than the window get one window clipped to the image.
 */
final class Ssim {
  private static final int RADIUS = 5;
  private static final float[] KERNEL = gaussian(RADIUS, 1.5);
  private static final double C1 = Math.pow(0.01 * 255, 2);
  private static final double C2 = Math.pow(0.03 * 255, 2);

  private Ssim() {}

  /** Mean SSIM of {@code a} against {@code b} (same size), in [-1, 1]; 1 for identical images. */
  static double of(RgbImage a, RgbImage b) {
    int w = a.width();
    int h = a.height();
    float[] x = luma(a);
    float[] y = luma(b);
    int r = Math.min(RADIUS, Math.min((w - 1) / 2, (h - 1) / 2));
    float[] k = r == RADIUS ? KERNEL : gaussian(r, 1.5);
    int ow = w - 2 * r;
    int oh = h - 2 * r;
    // horizontal pass of the five moments: mean x, mean y, x^2, y^2, xy (double: the variances are
    // small differences of large second moments)
    double[][] rows = new double[5][ow * h];
    for (int row = 0; row < h; row++) {
      for (int ox = 0; ox < ow; ox++) {
        double mx = 0;
        double my = 0;
        double xx = 0;
        double yy = 0;
        double xy = 0;
        int base = row * w + ox;
        for (int j = 0; j <= 2 * r; j++) {
          double vx = x[base + j];
          double vy = y[base + j];
          double kj = k[j];
          mx += kj * vx;
          my += kj * vy;
          xx += kj * vx * vx;
          yy += kj * vy * vy;
          xy += kj * vx * vy;
        }
        int o = row * ow + ox;
        rows[0][o] = mx;
        rows[1][o] = my;
        rows[2][o] = xx;
        rows[3][o] = yy;
        rows[4][o] = xy;
      }
    }
    double total = 0;
    double[] m = new double[5];
    for (int oy = 0; oy < oh; oy++) {
      for (int ox = 0; ox < ow; ox++) {
        java.util.Arrays.fill(m, 0);
        for (int j = 0; j <= 2 * r; j++) {
          int o = (oy + j) * ow + ox;
          for (int q = 0; q < 5; q++) {
            m[q] += k[j] * rows[q][o];
          }
        }
        double mux = m[0];
        double muy = m[1];
        double vx = m[2] - mux * mux;
        double vy = m[3] - muy * muy;
        double cov = m[4] - mux * muy;
        total += (2 * mux * muy + C1) * (2 * cov + C2) / ((mux * mux + muy * muy + C1) * (vx + vy + C2));
      }
    }
    return total / ((double) ow * oh);
  }

  private static float[] luma(RgbImage image) {
    byte[] rgb = image.rgb();
    float[] out = new float[image.width() * image.height()];
    for (int i = 0; i < out.length; i++) {
      out[i] = 0.299f * (rgb[3 * i] & 0xff) + 0.587f * (rgb[3 * i + 1] & 0xff) + 0.114f * (rgb[3 * i + 2] & 0xff);
    }
    return out;
  }

  private static float[] gaussian(int radius, double sigma) {
    float[] k = new float[2 * radius + 1];
    double sum = 0;
    for (int i = -radius; i <= radius; i++) {
      sum += Math.exp(-i * i / (2 * sigma * sigma));
    }
    for (int i = -radius; i <= radius; i++) {
      k[i + radius] = (float) (Math.exp(-i * i / (2 * sigma * sigma)) / sum);
    }
    return k;
  }
}
