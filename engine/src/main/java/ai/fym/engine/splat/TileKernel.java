package ai.fym.engine.splat;

import java.util.Arrays;

/**
 * Forward and backward compositing of one 16x16 tile, with the scratch and the gradient accumulator of one
 * worker thread (so that workers never write to shared memory but their own tiles' pixels).
 *
 * <p>Splats are the outer loop and pixels the inner one: for each splat of the tile's list, only the pixels of
 * each row inside its 1/255 ellipse are visited (the row's span is a quadratic's roots), so the work is
 * proportional to the pixels a splat covers rather than to the tile's area. Per pixel the rules are those of
 * 3DGS: skip when the exponent is positive or below the 1/255 bound (tested before {@code exp}),
 * {@code alpha = min(0.99, opacity * exp(power))}, skip when alpha < 1/255, and stop the pixel before the splat
 * that would bring its transmittance under 1e-4. The backward pass walks each pixel's list back to front from its
 * last contributor, recovering the transmittance from the final one, and sums each splat's gradient over its
 * pixels before adding it to the accumulator once. Arithmetic is in double; inputs and the image are float.
 */
final class TileKernel {
  static final double MAX_ALPHA = 0.99;
  static final double MIN_TRANSMITTANCE = 1e-4;
  /** Gradient values per splat: mean x, y, conic a, b, c, opacity, then the C features. */
  static final int FIXED_GRADIENTS = 6;
  private static final int PIXELS = TileBins.TILE * TileBins.TILE;
  private static final double SPAN_MARGIN = 1e-3;

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
  private double[] gradients = new double[0];

  TileKernel(int channels) {
    this.channels = channels;
    this.colour = new double[PIXELS * channels];
    this.pixelGradient = new double[PIXELS * channels];
    this.featureGradient = new double[channels];
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
    float[] means = f.splats.means2d();
    float[] conics = f.splats.conics();
    float[] features = f.splats.features();
    int[] pairs = bins.pairs();
    for (int k = bins.start(tile); k < bins.end(tile) && alive > 0; k++) {
      int i = pairs[k];
      double mx = means[2 * i];
      double my = means[2 * i + 1];
      double a = conics[3 * i];
      double b = conics[3 * i + 1];
      double c = conics[3 * i + 2];
      double opacity = f.splats.opacities()[i];
      double minPower = bins.minPower()[i];
      double ey = bins.extents()[2 * i + 1];
      int rowFrom = Math.max(y0, (int) Math.ceil(my - ey - 0.5));
      int rowTo = Math.min(y0 + h - 1, (int) Math.floor(my + ey - 0.5));
      for (int row = rowFrom; row <= rowTo; row++) {
        double dy = my - (row + 0.5);
        double bdy = b * dy;
        double disc = bdy * bdy - a * (c * dy * dy + 2 * minPower);
        if (disc < 0) {
          continue;
        }
        double root = Math.sqrt(disc);
        int colFrom = Math.max(x0, (int) Math.ceil(mx + (bdy - root) / a - 0.5 - SPAN_MARGIN));
        int colTo = Math.min(x0 + w - 1, (int) Math.floor(mx + (bdy + root) / a - 0.5 + SPAN_MARGIN));
        int base = (row - y0) * TileBins.TILE - x0;
        for (int col = colFrom; col <= colTo; col++) {
          int p = base + col;
          if (done[p]) {
            continue;
          }
          double dx = mx - (col + 0.5);
          double power = -0.5 * (a * dx * dx + c * dy * dy) - bdy * dx;
          if (power > 0 || power < minPower) {
            continue;
          }
          double alpha = Math.min(MAX_ALPHA, opacity * Math.exp(power));
          if (alpha < TileBins.MIN_ALPHA) {
            continue;
          }
          double t = transmittance[p];
          double next = t * (1 - alpha);
          if (next < MIN_TRANSMITTANCE) {
            done[p] = true;
            alive--;
            continue;
          }
          double weight = alpha * t;
          for (int ch = 0; ch < channels; ch++) {
            colour[p * channels + ch] += weight * features[i * channels + ch];
          }
          transmittance[p] = next;
          last[p] = k;
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
    double[] behind = colour;
    float[] means = f.splats.means2d();
    float[] conics = f.splats.conics();
    float[] features = f.splats.features();
    int[] pairs = bins.pairs();
    int stride = FIXED_GRADIENTS + channels;
    for (int k = lastOfTile; k >= bins.start(tile); k--) {
      int i = pairs[k];
      double mx = means[2 * i];
      double my = means[2 * i + 1];
      double a = conics[3 * i];
      double b = conics[3 * i + 1];
      double c = conics[3 * i + 2];
      double opacity = f.splats.opacities()[i];
      double minPower = bins.minPower()[i];
      double ey = bins.extents()[2 * i + 1];
      double gx = 0;
      double gy = 0;
      double ga = 0;
      double gb = 0;
      double gc = 0;
      double gOpacity = 0;
      Arrays.fill(featureGradient, 0);
      int rowFrom = Math.max(y0, (int) Math.ceil(my - ey - 0.5));
      int rowTo = Math.min(y0 + h - 1, (int) Math.floor(my + ey - 0.5));
      for (int row = rowFrom; row <= rowTo; row++) {
        double dy = my - (row + 0.5);
        double bdy = b * dy;
        double disc = bdy * bdy - a * (c * dy * dy + 2 * minPower);
        if (disc < 0) {
          continue;
        }
        double root = Math.sqrt(disc);
        int colFrom = Math.max(x0, (int) Math.ceil(mx + (bdy - root) / a - 0.5 - SPAN_MARGIN));
        int colTo = Math.min(x0 + w - 1, (int) Math.floor(mx + (bdy + root) / a - 0.5 + SPAN_MARGIN));
        int base = (row - y0) * TileBins.TILE - x0;
        for (int col = colFrom; col <= colTo; col++) {
          int p = base + col;
          if (k > last[p]) {
            continue;
          }
          double dx = mx - (col + 0.5);
          double power = -0.5 * (a * dx * dx + c * dy * dy) - bdy * dx;
          if (power > 0 || power < minPower) {
            continue;
          }
          double gaussian = Math.exp(power);
          double raw = opacity * gaussian;
          double alpha = Math.min(MAX_ALPHA, raw);
          if (alpha < TileBins.MIN_ALPHA) {
            continue;
          }
          double keep = 1 - alpha;
          double t = transmittance[p] / keep;
          transmittance[p] = t;
          double dAlphaSum = 0;
          for (int ch = 0; ch < channels; ch++) {
            int q = p * channels + ch;
            double feature = features[i * channels + ch];
            featureGradient[ch] += alpha * t * pixelGradient[q];
            dAlphaSum += (feature - behind[q]) * pixelGradient[q];
            behind[q] = alpha * feature + keep * behind[q];
          }
          double dLdAlpha = dAlphaSum * t + (alphaGradient[p] - backgroundDot[p]) * finalTransmittance[p] / keep;
          if (raw < MAX_ALPHA) {
            gOpacity += gaussian * dLdAlpha;
            double dPower = raw * dLdAlpha;
            gx += dPower * (-a * dx - bdy);
            gy += dPower * (-c * dy - b * dx);
            ga += dPower * (-0.5 * dx * dx);
            gb += dPower * (-dx * dy);
            gc += dPower * (-0.5 * dy * dy);
          }
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
}
