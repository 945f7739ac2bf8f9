package ai.fym.engine.diffusion;

/**
 * The cosine noise schedule over continuous levels t in [0, 1] (alpha-bar(t) = cos^2(((t + s) / (1 + s)) pi/2)),
 * the forward noising of a clean crop, and the deterministic DDIM update from a predicted clean crop.
 */
final class NoiseSchedule {
  private static final double OFFSET = 0.008;
  private static final double MIN_ALPHA_BAR = 1e-4;

  private NoiseSchedule() {}

  /** The fraction of signal power left at level {@code t}. */
  static double alphaBar(double t) {
    double c = Math.cos((t + OFFSET) / (1 + OFFSET) * Math.PI / 2);
    return Math.max(MIN_ALPHA_BAR, Math.min(1, c * c));
  }

  /** x_t = sqrt(ab) x0 + sqrt(1 - ab) noise. */
  static float[] noised(float[] clean, float[] noise, double t) {
    double ab = alphaBar(t);
    float a = (float) Math.sqrt(ab);
    float b = (float) Math.sqrt(1 - ab);
    float[] out = new float[clean.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = a * clean[i] + b * noise[i];
    }
    return out;
  }

  /**
   * One deterministic DDIM step from level {@code t} to {@code next} given the predicted clean crop: the implied
   * noise is kept, the signal replaced by the prediction. At {@code next = 0} the result is the prediction itself.
   */
  static float[] ddimStep(float[] noisy, float[] predicted, double t, double next) {
    if (next <= 0) {
      return predicted.clone();
    }
    double ab = alphaBar(t);
    double abNext = alphaBar(next);
    float a = (float) Math.sqrt(ab);
    float b = (float) Math.sqrt(1 - ab);
    float aNext = (float) Math.sqrt(abNext);
    float bNext = (float) Math.sqrt(1 - abNext);
    float[] out = new float[noisy.length];
    for (int i = 0; i < out.length; i++) {
      float eps = (noisy[i] - a * predicted[i]) / b;
      out[i] = aNext * predicted[i] + bNext * eps;
    }
    return out;
  }
}
