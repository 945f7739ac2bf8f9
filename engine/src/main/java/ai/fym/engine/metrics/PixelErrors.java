package ai.fym.engine.metrics;

import ai.fym.engine.image.RgbImage;
import ai.fym.engine.motion.Flow;

/**
 * The per-pixel error measures behind the clip metrics: motion-compensated (masked) MSE, flow
 * end-point error and PSNR. Warped pixels are sampled bilinearly in floating point ({@link Bilinear},
 * no rounding to bytes).
 */
final class PixelErrors {
  /** PSNR reported for (near-)identical images, in dB, so that curves and means stay finite. */
  static final double PSNR_CAP_DB = 100;

  private PixelErrors() {}

  /**
   * {@code 1000 x} the mean, over visible pixels and the 3 channels, of
   * {@code ((current(p) - reference(p + flow(p))) / 255)^2}; NaN when no pixel is visible.
   *
   * @param flow the flow from {@code current}'s frame to {@code reference}'s frame
   */
  static double warpMse(RgbImage current, RgbImage reference, Flow flow, boolean[] visible) {
    int w = current.width();
    int h = current.height();
    byte[] cur = current.rgb();
    byte[] ref = reference.rgb();
    float[] f = flow.xy();
    Bilinear tap = new Bilinear(w, h);
    double sum = 0;
    long n = 0;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int i = y * w + x;
        if (!visible[i]) {
          continue;
        }
        tap.at(x + f[2 * i], y + f[2 * i + 1]);
        for (int c = 0; c < 3; c++) {
          double d = (cur[3 * i + c] & 0xff) - tap.value(ref, c);
          sum += d * d;
        }
        n++;
      }
    }
    return n == 0 ? Double.NaN : 1000.0 * sum / (3.0 * n * 255.0 * 255.0);
  }

  /** Mean Euclidean distance between two flows' vectors over visible pixels; NaN when none is. */
  static double endPointError(Flow a, Flow b, boolean[] visible) {
    float[] fa = a.xy();
    float[] fb = b.xy();
    double sum = 0;
    long n = 0;
    for (int i = 0; i < visible.length; i++) {
      if (visible[i]) {
        double dx = fa[2 * i] - fb[2 * i];
        double dy = fa[2 * i + 1] - fb[2 * i + 1];
        sum += Math.sqrt(dx * dx + dy * dy);
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  /** PSNR in dB of {@code a} against {@code b} over all pixels and channels, capped at {@link #PSNR_CAP_DB}. */
  static double psnr(RgbImage a, RgbImage b) {
    byte[] pa = a.rgb();
    byte[] pb = b.rgb();
    double sum = 0;
    for (int i = 0; i < pa.length; i++) {
      double d = (pa[i] & 0xff) - (pb[i] & 0xff);
      sum += d * d;
    }
    return psnrOfMse(sum / pa.length);
  }

  /** {@code 10 log10(255^2 / mse)} for an MSE in grey levels squared, capped at {@link #PSNR_CAP_DB}. */
  static double psnrOfMse(double mse) {
    return Math.min(PSNR_CAP_DB, 10 * Math.log10(255.0 * 255.0 / mse));
  }
}
