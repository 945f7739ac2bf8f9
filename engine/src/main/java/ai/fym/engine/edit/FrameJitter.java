package ai.fym.engine.edit;

import java.util.SplittableRandom;

/**
 * The per-frame parameter noise of the built-in editors: a PRNG seeded by (seed, frame index), so a
 * frame's parameters depend on nothing else (frames can be edited in any order, on any executor).
 * Draws are Gaussian truncated at {@value #TRUNCATION} sigma: small, independent wobbles around the
 * intent, never an outlier frame nor a drift.
 */
final class FrameJitter {
  private static final double TRUNCATION = 2.5;
  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

  private final SplittableRandom random;

  FrameJitter(long seed, int frameIndex) {
    this.random = new SplittableRandom(seed * GOLDEN_GAMMA ^ (frameIndex + 1L) * 0xBF58476D1CE4E5B9L);
  }

  /** {@code value} plus Gaussian noise of standard deviation {@code sigma}. */
  double plus(double value, double sigma) {
    return value + sigma * unitNoise();
  }

  /** {@code value} scaled by (1 + noise of standard deviation {@code relativeSigma}). */
  double times(double value, double relativeSigma) {
    return value * (1 + relativeSigma * unitNoise());
  }

  private double unitNoise() {
    // Box-Muller from the frame's own stream: reproducible, unlike java.util.Random's shared state.
    double u1 = 1 - random.nextDouble();
    double u2 = random.nextDouble();
    double g = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    return Math.max(-TRUNCATION, Math.min(TRUNCATION, g));
  }
}
