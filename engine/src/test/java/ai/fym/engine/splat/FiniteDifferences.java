package ai.fym.engine.splat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleSupplier;

/**
 * Central finite differences of a loss that reads some float arrays, perturbing one value at a time in place.
 * Rendering has true discontinuities (a pixel crossing the 1/255 or the termination threshold), so each value's
 * difference quotient is taken at seven halving steps and the finest two that agree (within 0.2% plus the
 * rounding noise of the step) give the reference; where no two consecutive ones agree the steps straddle a
 * discontinuity and the value is left out. At most 10% may be (0-6% are, with 20 overlapping splats).
 */
final class FiniteDifferences {
  private static final int STEPS = 7;
  private final DoubleSupplier loss;
  private int checked;
  private int skipped;

  FiniteDifferences(DoubleSupplier loss) {
    this.loss = loss;
  }

  /** Asserts that {@code analytic} is the gradient of the loss with respect to {@code values}. */
  void check(String name, float[] values, float[] analytic, double step) {
    assertEquals(values.length, analytic.length, name + " gradient length");
    boolean anyNonZero = false;
    for (int i = 0; i < values.length; i++) {
      double[] q = new double[STEPS];
      for (int k = 0; k < STEPS; k++) {
        q[k] = quotient(values, i, step / (1 << k));
      }
      checked++;
      int agreed = -1;
      for (int k = STEPS - 1; k >= 1 && agreed < 0; k--) {
        if (Math.abs(q[k] - q[k - 1]) <= 2e-3 * Math.abs(q[k]) + noise(step / (1 << k))) {
          agreed = k;
        }
      }
      if (agreed < 0) {
        skipped++;
        continue;
      }
      double reference = q[agreed];
      anyNonZero |= Math.abs(analytic[i]) > 1e-3;
      assertEquals(reference, analytic[i], 1e-3 + 1e-2 * Math.abs(reference) + noise(step / (1 << agreed)),
          name + "[" + i + "]");
    }
    assertTrue(anyNonZero, name + ": every gradient was zero");
  }

  /** The rounding noise of a difference quotient with step h: the float image carries ~1e-6 of error into the loss. */
  private static double noise(double h) {
    return 1e-6 / h;
  }

  private double quotient(float[] values, int i, double h) {
    float original = values[i];
    values[i] = (float) (original + h);
    float up = values[i];
    double lossUp = loss.getAsDouble();
    values[i] = (float) (original - h);
    float down = values[i];
    double lossDown = loss.getAsDouble();
    values[i] = original;
    return (lossUp - lossDown) / ((double) up - down);
  }

  void assertFewDiscontinuities() {
    assertTrue(skipped <= checked / 10, skipped + " of " + checked + " values straddled a discontinuity");
  }
}
