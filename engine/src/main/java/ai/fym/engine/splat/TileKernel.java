package ai.fym.engine.splat;

import java.util.Arrays;

/**
 * Forward and backward compositing of one 16x16 tile, with the scratch and the gradient accumulator of one
 * worker thread (so that workers never write to shared memory but their own tiles' pixels).
 *
 * <p>Splats are the outer loop and pixels the inner one: for each splat of the tile's list, only the pixels of
 * each row inside its 1/255 ellipse are visited, with the exponent and the Gaussian advanced from pixel to pixel
 * by multiplications ({@link SplatRows}), so the work is proportional to the pixels a splat covers rather than to
 * the tile's area, and no pixel calls {@code exp}. Per pixel the rules are those of 3DGS: skip when the exponent
 * is positive or below the 1/255 bound, {@code alpha = min(0.99, opacity * exp(power))}, skip when alpha < 1/255,
 * and stop the pixel before the splat that would bring its transmittance under 1e-4. The backward pass walks each
 * pixel's list back to front from its last contributor, recovering the transmittance from the final one, and sums
 * each splat's gradient over its pixels before adding it to the accumulator once (a clamped alpha passes no
 * gradient). Arithmetic is in double; inputs and the image are float.
 */
final class TileKernel {
  static final double MAX_ALPHA = 0.99;
  static final double MIN_TRANSMITTANCE = 1e-4;
  /** Gradient values per splat: mean x, y, conic a, b, c, opacity, then the C features. */
  static final int FIXED_GRADIENTS = 6;
  private static final int PIXELS = TileBins.TILE * TileBins.TILE;

  private final int channels;
  private final double[] transmittance = new double[PIXELS];
  private final double[] colour;
  private final boolean[] done = new boolean[PIXELS];
  private final int[] last = new int[PIXELS];
  private final double[] finalTransmittance = new double[PIXELS];
  private final double[] pixelGradient;
  private final double[] backgroundDot = new double[PIXELS];
  private final double[] alphaGradient = new double[PIXELS];
  private final double[] featureGradient;
  private final double[] feature;
  private final SplatRows rows = new SplatRows();
  private double[] gradients = new double[0];

  TileKernel(int channels) {
    this.channels = channels;
    this.colour = new double[PIXELS * channels];
    this.pixelGradient = new double[PIXELS * channels];
    this.featureGradient = new double[channels];
    this.feature = new double[channels];
  }

  int channels() {
    return channels;
  }

  /** This worker's gradient sums, {@code (6 + C)} per splat (see {@link #FIXED_GRADIENTS}). */
  double[] gradients() {
    return gradients;
  }

  /** Zeroes the gradient sums for {@code count} splats. */
  void clearGradients(int count) {
    int size = count * (FIXED_GRADIENTS + channels);
    if (gradients.length < size) {
      gradients = new double[size];
    }
    Arrays.fill(gradients, 0, size, 0);
  }

  /** Composites tile {@code tile} of {@code f} into its image, alpha, final transmittance and last contributors. */
  void forward(Frame f, int tile) {
    TileBins bins = f.bins;
    int x0 = tile % bins.tilesX() * TileBins.TILE;
    int y0 = tile / bins.tilesX() * TileBins.TILE;
    int w = Math.min(TileBins.TILE, f.width - x0);
    int h = Math.min(TileBins.TILE, f.height - y0);
    Arrays.fill(transmittance, 1);
    Arrays.fill(colour, 0);
    Arrays.fill(done, false);
    Arrays.fill(last, -1);
    int alive = w * h;
    int[] pairs = bins.pairs();
    for (int k = bins.start(tile); k < bins.end(tile) && alive > 0; k++) {
      int i = pairs[k];
      rows.load(f.splats, bins, i, y0, h);
      loadFeature(f.splats, i);
      double opacity = rows.opacity;
      double minPower = rows.minPower;
      double a = rows.a;
      double decay = rows.decay;
      for (int row = rows.rowFrom; row <= rows.rowTo; row++) {
        if (!rows.row(row, x0, x0 + w - 1)) {
          continue;
        }
        int base = (row - y0) * TileBins.TILE - x0;
        double power = rows.power;
        double step = rows.step;
        double gaussian = rows.gaussian;
        double ratio = rows.ratio;
        for (int col = rows.colFrom; col <= rows.colTo; col++) {
          int p = base + col;
          double alpha = Math.min(MAX_ALPHA, opacity * gaussian);
          if (!done[p] && power <= 0 && power >= minPower && alpha >= TileBins.MIN_ALPHA) {
            double t = transmittance[p];
            double next = t * (1 - alpha);
            if (next < MIN_TRANSMITTANCE) {
              done[p] = true;
              alive--;
            } else {
              for (int ch = 0; ch < channels; ch++) {
                colour[p * channels + ch] += alpha * t * feature[ch];
              }
              transmittance[p] = next;
              last[p] = k;
            }
          }
          power += step;
          gaussian *= ratio;
          ratio *= decay;
          step -= a;
        }
      }
    }
    for (int ly = 0; ly < h; ly++) {
      for (int lx = 0; lx < w; lx++) {
        int p = ly * TileBins.TILE + lx;
        int pixel = (y0 + ly) * f.width + x0 + lx;
        double t = transmittance[p];
        for (int ch = 0; ch < channels; ch++) {
          f.image[pixel * channels + ch] = (float) (colour[p * channels + ch] + t * f.background[ch]);
        }
        f.alpha[pixel] = (float) (1 - t);
        f.finalTransmittance[pixel] = t;
        f.lastContributor[pixel] = last[p];
      }
    }
  }

  /** Adds the gradients of tile {@code tile}'s splats, given dL/dImage and dL/dAlpha (null for none). */
  void backward(Frame f, int tile, float[] dImage, float[] dAlpha) {
    TileBins bins = f.bins;
    int x0 = tile % bins.tilesX() * TileBins.TILE;
    int y0 = tile / bins.tilesX() * TileBins.TILE;
    int w = Math.min(TileBins.TILE, f.width - x0);
    int h = Math.min(TileBins.TILE, f.height - y0);
    int lastOfTile = loadPixels(f, x0, y0, w, h, dImage, dAlpha);
    double[] behind = colour;
    int[] pairs = bins.pairs();
    int stride = FIXED_GRADIENTS + channels;
    for (int k = lastOfTile; k >= bins.start(tile); k--) {
      int i = pairs[k];
      rows.load(f.splats, bins, i, y0, h);
      loadFeature(f.splats, i);
      double opacity = rows.opacity;
      double minPower = rows.minPower;
      double a = rows.a;
      double b = rows.b;
      double c = rows.c;
      double decay = rows.decay;
      double gx = 0;
      double gy = 0;
      double ga = 0;
      double gb = 0;
      double gc = 0;
      double gOpacity = 0;
      Arrays.fill(featureGradient, 0);
      for (int row = rows.rowFrom; row <= rows.rowTo; row++) {
        if (!rows.row(row, x0, x0 + w - 1)) {
          continue;
        }
        int base = (row - y0) * TileBins.TILE - x0;
        double dy = rows.dy;
        double dx = rows.mx - (rows.colFrom + 0.5);
        double power = rows.power;
        double step = rows.step;
        double gaussian = rows.gaussian;
        double ratio = rows.ratio;
        for (int col = rows.colFrom; col <= rows.colTo; col++, dx -= 1) {
          int p = base + col;
          double raw = opacity * gaussian;
          double alpha = Math.min(MAX_ALPHA, raw);
          if (k <= last[p] && power <= 0 && power >= minPower && alpha >= TileBins.MIN_ALPHA) {
            double keep = 1 - alpha;
            double inverseKeep = 1 / keep;
            double t = transmittance[p] * inverseKeep;
            transmittance[p] = t;
            double dAlphaSum = 0;
            for (int ch = 0; ch < channels; ch++) {
              int q = p * channels + ch;
              featureGradient[ch] += alpha * t * pixelGradient[q];
              dAlphaSum += (feature[ch] - behind[q]) * pixelGradient[q];
              behind[q] = alpha * feature[ch] + keep * behind[q];
            }
            double dLdAlpha = dAlphaSum * t
                + (alphaGradient[p] - backgroundDot[p]) * finalTransmittance[p] * inverseKeep;
            if (raw < MAX_ALPHA) {
              gOpacity += gaussian * dLdAlpha;
              double dPower = raw * dLdAlpha;
              gx += dPower * (-a * dx - b * dy);
              gy += dPower * (-c * dy - b * dx);
              ga += dPower * (-0.5 * dx * dx);
              gb += dPower * (-dx * dy);
              gc += dPower * (-0.5 * dy * dy);
            }
          }
          power += step;
          gaussian *= ratio;
          ratio *= decay;
          step -= a;
        }
      }
      int o = i * stride;
      gradients[o] += gx;
      gradients[o + 1] += gy;
      gradients[o + 2] += ga;
      gradients[o + 3] += gb;
      gradients[o + 4] += gc;
      gradients[o + 5] += gOpacity;
      for (int ch = 0; ch < channels; ch++) {
        gradients[o + FIXED_GRADIENTS + ch] += featureGradient[ch];
      }
    }
  }

  /** Loads the tile's pixel state for the backward pass; returns the largest last-contributor position. */
  private int loadPixels(Frame f, int x0, int y0, int w, int h, float[] dImage, float[] dAlpha) {
    Arrays.fill(last, -1);
    Arrays.fill(colour, 0);
    int lastOfTile = -1;
    for (int ly = 0; ly < h; ly++) {
      for (int lx = 0; lx < w; lx++) {
        int p = ly * TileBins.TILE + lx;
        int pixel = (y0 + ly) * f.width + x0 + lx;
        finalTransmittance[p] = f.finalTransmittance[pixel];
        transmittance[p] = finalTransmittance[p];
        last[p] = f.lastContributor[pixel];
        lastOfTile = Math.max(lastOfTile, last[p]);
        double dot = 0;
        for (int ch = 0; ch < channels; ch++) {
          pixelGradient[p * channels + ch] = dImage[pixel * channels + ch];
          dot += f.background[ch] * dImage[pixel * channels + ch];
        }
        backgroundDot[p] = dot;
        alphaGradient[p] = dAlpha == null ? 0 : dAlpha[pixel];
      }
    }
    return lastOfTile;
  }

  private void loadFeature(SplatArrays s, int i) {
    for (int ch = 0; ch < channels; ch++) {
      feature[ch] = s.features()[i * channels + ch];
    }
  }
}
