package ai.fym.engine.video.internal;

import ai.fym.engine.geom.Box;
import ai.fym.engine.image.RgbImage;

/**
 * A normalised HSV colour histogram of a frame shrunk to 64x48: 8 hues x 3 saturations x 3 values for
 * coloured pixels, plus 8 grey levels for pixels too dark or too unsaturated to have a stable hue.
 * Shrinking first makes it cheap and blind to noise and fine motion.
 */
public final class ColourHistogram {
  static final int SAMPLE_WIDTH = 64;
  static final int SAMPLE_HEIGHT = 48;
  private static final int HUES = 8;
  private static final int SATS = 3;
  private static final int VALS = 3;
  private static final int GREYS = 8;
  private static final int MIN_SATURATION = 40;
  private static final int MIN_VALUE = 40;

  private final double[] bins;
  private final double meanValue;

  private ColourHistogram(double[] bins, double meanValue) {
    this.bins = bins;
    this.meanValue = meanValue;
  }

  public static ColourHistogram of(RgbImage frame) {
    RgbImage small = frame.resample(new Box(0, 0, frame.width(), frame.height()), SAMPLE_WIDTH, SAMPLE_HEIGHT);
    byte[] rgb = small.rgb();
    int pixels = SAMPLE_WIDTH * SAMPLE_HEIGHT;
    double[] bins = new double[HUES * SATS * VALS + GREYS];
    long valueSum = 0;
    for (int i = 0; i < rgb.length; i += 3) {
      int r = rgb[i] & 0xff;
      int g = rgb[i + 1] & 0xff;
      int b = rgb[i + 2] & 0xff;
      int max = Math.max(r, Math.max(g, b));
      int min = Math.min(r, Math.min(g, b));
      int chroma = max - min;
      int saturation = max == 0 ? 0 : 255 * chroma / max;
      valueSum += max;
      if (max < MIN_VALUE || saturation < MIN_SATURATION) {
        bins[HUES * SATS * VALS + max * GREYS / 256]++;
        continue;
      }
      double hue;
      if (max == r) {
        hue = ((g - b) / (double) chroma + 6) % 6;
      } else if (max == g) {
        hue = (b - r) / (double) chroma + 2;
      } else {
        hue = (r - g) / (double) chroma + 4;
      }
      int h = Math.min(HUES - 1, (int) (hue / 6 * HUES));
      int s = Math.min(SATS - 1, (saturation - MIN_SATURATION) * SATS / (256 - MIN_SATURATION));
      int v = Math.min(VALS - 1, (max - MIN_VALUE) * VALS / (256 - MIN_VALUE));
      bins[(h * SATS + s) * VALS + v]++;
    }
    for (int k = 0; k < bins.length; k++) {
      bins[k] /= pixels;
    }
    return new ColourHistogram(bins, valueSum / (double) pixels);
  }

  /** Half the L1 distance: 0 for identical colour distributions, 1 for disjoint ones. */
  public double distance(ColourHistogram other) {
    double sum = 0;
    for (int k = 0; k < bins.length; k++) {
      sum += Math.abs(bins[k] - other.bins[k]);
    }
    return sum / 2;
  }

  /** Mean HSV value (brightest channel) of the shrunk frame, 0..255. */
  public double meanValue() {
    return meanValue;
  }
}
