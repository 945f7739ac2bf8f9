package ai.fym.engine.avatar;

/**
 * The 3DGS training loss between a rendered image and its target, (1 - w) L1 + w (1 - SSIM), with its exact
 * gradient with respect to the rendered image. SSIM uses an 11-tap Gaussian window (sigma 1.5) per channel with
 * zero padding, as 3DGS does. Images are row-major, channel-last floats in [0, 1]. One instance per image size;
 * it reuses its buffers, so it is not thread-safe.
 */
final class PhotometricLoss {
  private static final int RADIUS = 5;
  private static final double SIGMA = 1.5;
  private static final float C1 = 0.01f * 0.01f;
  private static final float C2 = 0.03f * 0.03f;
  private static final float[] WINDOW = window();

  private final int width;
  private final int height;
  private final int channels;
  private final float[] x;
  private final float[] y;
  private final float[] product;
  private final float[] meanX;
  private final float[] meanY;
  private final float[] meanXx;
  private final float[] meanYy;
  private final float[] meanXy;
  private final float[] scratch;
  private final float[] ssimGradient;

  PhotometricLoss(int width, int height, int channels) {
    this.width = width;
    this.height = height;
    this.channels = channels;
    int n = width * height;
    x = new float[n];
    y = new float[n];
    product = new float[n];
    meanX = new float[n];
    meanY = new float[n];
    meanXx = new float[n];
    meanYy = new float[n];
    meanXy = new float[n];
    scratch = new float[n];
    ssimGradient = new float[n * channels];
  }

  /** Mean SSIM of {@code image} against {@code target} over all channels. */
  double ssim(float[] image, float[] target) {
    return ssimAndGradient(image, target, null);
  }

  /**
   * The loss of {@code image} against {@code target} with SSIM weight {@code ssimWeight}; its gradient with
   * respect to {@code image} is written into {@code gradient}.
   */
  double evaluate(float[] image, float[] target, float ssimWeight, float[] gradient) {
    int count = image.length;
    double l1 = 0;
    float l1Scale = (1 - ssimWeight) / count;
    for (int i = 0; i < count; i++) {
      float d = image[i] - target[i];
      l1 += Math.abs(d);
      gradient[i] = d > 0 ? l1Scale : d < 0 ? -l1Scale : 0f;
    }
    double ssim = ssimAndGradient(image, target, ssimGradient);
    for (int i = 0; i < count; i++) {
      gradient[i] -= ssimWeight * ssimGradient[i];
    }
    return (1 - ssimWeight) * l1 / count + ssimWeight * (1 - ssim);
  }

  /** Mean SSIM; with a non-null {@code gradient}, also d(mean SSIM)/d(image). */
  private double ssimAndGradient(float[] image, float[] target, float[] gradient) {
    int n = width * height;
    double total = 0;
    for (int c = 0; c < channels; c++) {
      for (int i = 0; i < n; i++) {
        x[i] = image[i * channels + c];
        y[i] = target[i * channels + c];
      }
      blur(x, meanX);
      blur(y, meanY);
      square(x, x, meanXx);
      square(y, y, meanYy);
      square(x, y, meanXy);
      for (int i = 0; i < n; i++) {
        float mx = meanX[i];
        float my = meanY[i];
        float a1 = 2 * mx * my + C1;
        float a2 = 2 * (meanXy[i] - mx * my) + C2;
        float b1 = mx * mx + my * my + C1;
        float b2 = meanXx[i] - mx * mx + meanYy[i] - my * my + C2;
        float s = a1 * a2 / (b1 * b2);
        total += s;
        if (gradient != null) {
          // Partial derivatives of s with respect to the local moments; the window's adjoint spreads them back.
          meanX[i] = s * (2 * my / a1 - 2 * my / a2 - 2 * mx / b1 + 2 * mx / b2);
          meanXx[i] = -s / b2;
          meanXy[i] = 2 * s / a2;
        }
      }
      if (gradient != null) {
        float scale = 1f / (n * channels);
        blur(meanX, meanY);
        blur(meanXx, meanYy);
        blur(meanXy, product);
        for (int i = 0; i < n; i++) {
          gradient[i * channels + c] = scale * (meanY[i] + 2 * x[i] * meanYy[i] + y[i] * product[i]);
        }
      }
    }
    return total / (n * channels);
  }

  /** Windowed mean of {@code a * b} into {@code out}. */
  private void square(float[] a, float[] b, float[] out) {
    for (int i = 0; i < a.length; i++) {
      product[i] = a[i] * b[i];
    }
    blur(product, out);
  }

  /** Separable Gaussian window with zero padding (its own adjoint, the window being symmetric). */
  private void blur(float[] in, float[] out) {
    for (int row = 0; row < height; row++) {
      int base = row * width;
      for (int col = 0; col < width; col++) {
        float sum = 0;
        int from = Math.max(-RADIUS, -col);
        int to = Math.min(RADIUS, width - 1 - col);
        for (int k = from; k <= to; k++) {
          sum += WINDOW[k + RADIUS] * in[base + col + k];
        }
        scratch[base + col] = sum;
      }
    }
    for (int row = 0; row < height; row++) {
      int from = Math.max(-RADIUS, -row);
      int to = Math.min(RADIUS, height - 1 - row);
      for (int col = 0; col < width; col++) {
        float sum = 0;
        for (int k = from; k <= to; k++) {
          sum += WINDOW[k + RADIUS] * scratch[(row + k) * width + col];
        }
        out[row * width + col] = sum;
      }
    }
  }

  private static float[] window() {
    float[] w = new float[2 * RADIUS + 1];
    double sum = 0;
    for (int k = -RADIUS; k <= RADIUS; k++) {
      sum += Math.exp(-k * k / (2 * SIGMA * SIGMA));
    }
    for (int k = -RADIUS; k <= RADIUS; k++) {
      w[k + RADIUS] = (float) (Math.exp(-k * k / (2 * SIGMA * SIGMA)) / sum);
    }
    return w;
  }
}
