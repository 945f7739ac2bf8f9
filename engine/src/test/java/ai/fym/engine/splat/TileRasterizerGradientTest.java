package ai.fym.engine.splat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.fym.engine.nn.Autograd;
import ai.fym.engine.splat.SplatFixtures.Scene;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Java kernel's analytic gradients (through {@link RenderPass#surrogate}) against central finite differences
 * of its own forward pass, for every value of every splat. Difference quotients are taken at five halving step
 * sizes and the finest two that agree give the reference; where no two consecutive ones
 * agree, the steps straddle a discontinuity (a pixel crossing the 1/255 or the termination threshold) and the
 * value is left out: at most 10% may be (a few percent are, with 20 overlapping splats).
 */
class TileRasterizerGradientTest {
  private static final int WIDTH = 36;
  private static final int HEIGHT = 28;

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void analyticGradientsMatchFiniteDifferences(long seed) {
    Scene scene = SplatFixtures.random(20, WIDTH, HEIGHT, 3, seed);
    float[] dImage = SplatFixtures.randomGradient(WIDTH * HEIGHT * 3, seed + 100);
    float[] dAlpha = SplatFixtures.randomGradient(WIDTH * HEIGHT, seed + 200);
    try (NDManager m = NDManager.newBaseManager(Device.cpu()); TileRasterizer raster = new TileRasterizer(2)) {
      float[][] analytic = analyticGradients(scene, dImage, dAlpha, m, raster);
      FiniteDifferences fd = new FiniteDifferences(s -> {
        try (NDManager scope = m.newSubManager()) {
          RenderPass pass = raster.render(s.splats(scope, false), new float[] {0.2f, 0.5f, 0.9f});
          return SplatFixtures.dot(pass.image(), dImage) + SplatFixtures.dot(pass.alpha(), dAlpha);
        }
      });
      Scene probe = scene.copy();
      fd.check("means2d", probe.means2d(), analytic[0], 4e-3, probe);
      fd.check("conics", probe.conics(), analytic[1], 1e-3, probe);
      fd.check("opacities", probe.opacities(), analytic[2], 2e-3, probe);
      fd.check("features", probe.features(), analytic[3], 2e-3, probe);
      fd.assertFewDiscontinuities();
    }
  }

  /** Gradients of {@code dot(image, dImage) + dot(alpha, dAlpha)} on means2d, conics, opacities, features. */
  static float[][] analyticGradients(Scene scene, float[] dImage, float[] dAlpha, NDManager m,
      SplatRasterizer raster) {
    synchronized (Autograd.LOCK) {
      try (NDManager scope = m.newSubManager();
          GradientCollector collector = m.getEngine().newGradientCollector()) {
        ProjectedSplats splats = scene.splats(scope, true);
        RenderPass pass = raster.render(splats, new float[] {0.2f, 0.5f, 0.9f});
        collector.backward(pass.surrogate(dImage, dAlpha));
        return new float[][] {splats.means2d().getGradient().toFloatArray(),
            splats.conics().getGradient().toFloatArray(), splats.opacities().getGradient().toFloatArray(),
            splats.features().getGradient().toFloatArray()};
      }
    }
  }

  /** Central differences of a scene loss, perturbing one value of the probe scene at a time. */
  static final class FiniteDifferences {
    interface Loss {
      double of(Scene scene);
    }

    private static final int STEPS = 5;
    private final Loss loss;
    private int checked;
    private int skipped;

    FiniteDifferences(Loss loss) {
      this.loss = loss;
    }

    void check(String name, float[] values, float[] analytic, double step, Scene probe) {
      assertEquals(values.length, analytic.length, name + " gradient length");
      boolean anyNonZero = false;
      for (int i = 0; i < values.length; i++) {
        double[] q = new double[STEPS];
        for (int k = 0; k < STEPS; k++) {
          q[k] = quotient(values, i, step / (1 << k), probe);
        }
        checked++;
        double reference = Double.NaN;
        for (int k = STEPS - 1; k >= 1 && Double.isNaN(reference); k--) {
          if (Math.abs(q[k] - q[k - 1]) <= 1e-3 + 5e-3 * Math.abs(q[k])) {
            reference = q[k];
          }
        }
        if (Double.isNaN(reference)) {
          skipped++;
          continue;
        }
        anyNonZero |= Math.abs(analytic[i]) > 1e-3;
        assertEquals(reference, analytic[i], 3e-3 + 1e-2 * Math.abs(reference), name + "[" + i + "]");
      }
      assertTrue(anyNonZero, name + ": every gradient was zero");
    }

    private double quotient(float[] values, int i, double h, Scene probe) {
      float original = values[i];
      values[i] = (float) (original + h);
      float up = values[i];
      double lossUp = loss.of(probe);
      values[i] = (float) (original - h);
      float down = values[i];
      double lossDown = loss.of(probe);
      values[i] = original;
      return (lossUp - lossDown) / ((double) up - down);
    }

    void assertFewDiscontinuities() {
      assertTrue(skipped <= checked / 10, skipped + " of " + checked + " checks straddled a discontinuity");
    }
  }
}
