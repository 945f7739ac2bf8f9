package ai.fym.engine.edit;

import ai.fym.engine.image.RgbImage;

/** Measures for judging an edit: how much it changed, and whether the picture's structure survived. */
final class ImageStats {
  private ImageStats() {}

  /** Mean absolute difference over all channels, in grey levels. */
  static double meanAbsDiff(RgbImage a, RgbImage b) {
    byte[] x = a.rgb();
    byte[] y = b.rgb();
    long sum = 0;
    for (int i = 0; i < x.length; i++) {
      sum += Math.abs((x[i] & 0xff) - (y[i] & 0xff));
    }
    return sum / (double) x.length;
  }

  /**
   * Pearson correlation of the two images' luma gradient magnitudes (central differences): near 1 when
   * edges sit at the same places with proportional strength, whatever the colours and global tone.
   */
  static double gradientCorrelation(RgbImage a, RgbImage b) {
    double[] ga = gradientMagnitude(a);
    double[] gb = gradientMagnitude(b);
    double ma = mean(ga);
    double mb = mean(gb);
    double cov = 0;
    double va = 0;
    double vb = 0;
    for (int i = 0; i < ga.length; i++) {
      cov += (ga[i] - ma) * (gb[i] - mb);
      va += (ga[i] - ma) * (ga[i] - ma);
      vb += (gb[i] - mb) * (gb[i] - mb);
    }
    return cov / Math.sqrt(va * vb);
  }

  private static double[] gradientMagnitude(RgbImage image) {
    int w = image.width();
    int h = image.height();
    double[] g = new double[(w - 2) * (h - 2)];
    for (int y = 1; y < h - 1; y++) {
      for (int x = 1; x < w - 1; x++) {
        double dx = luma(image, x + 1, y) - luma(image, x - 1, y);
        double dy = luma(image, x, y + 1) - luma(image, x, y - 1);
        g[(y - 1) * (w - 2) + x - 1] = Math.hypot(dx, dy);
      }
    }
    return g;
  }

  private static double luma(RgbImage image, int x, int y) {
    return 0.299 * image.get(x, y, 0) + 0.587 * image.get(x, y, 1) + 0.114 * image.get(x, y, 2);
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }
}
