package ai.fym.engine.splat;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.fym.engine.nn.Autograd;
import ai.fym.engine.splat.SplatFixtures.Scene;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Java kernel's analytic gradients (through {@link RenderPass#surrogate}, image and alpha terms) against
 * {@link FiniteDifferences} of its own forward pass, for every value of 20 overlapping splats, a quarter of them
 * near-opaque (alpha clamped at 0.99, pixels terminating), on an image with partial edge tiles.
 */
class TileRasterizerGradientTest {
  private static final int WIDTH = 36;
  private static final int HEIGHT = 28;
  private static final float[] BACKGROUND = {0.2f, 0.5f, 0.9f};

  @ParameterizedTest
  @ValueSource(longs = {1, 5, 8, 9})
  void analyticGradientsMatchFiniteDifferences(long seed) {
    Scene scene = SplatFixtures.random(20, WIDTH, HEIGHT, 3, seed);
    float[] dImage = SplatFixtures.randomGradient(WIDTH * HEIGHT * 3, seed + 100);
    float[] dAlpha = SplatFixtures.randomGradient(WIDTH * HEIGHT, seed + 200);
    try (NDManager m = NDManager.newBaseManager(Device.cpu()); TileRasterizer raster = new TileRasterizer(2)) {
      float[][] analytic = analyticGradients(scene, dImage, dAlpha, m, raster, BACKGROUND);
      FiniteDifferences fd = new FiniteDifferences(() -> {
        try (NDManager scope = m.newSubManager()) {
          RenderPass pass = raster.render(scene.splats(scope, false), BACKGROUND);
          return SplatFixtures.dot(pass.image(), dImage) + SplatFixtures.dot(pass.alpha(), dAlpha);
        }
      });
      fd.check("means2d", scene.means2d(), analytic[0], 4e-3);
      fd.check("conics", scene.conics(), analytic[1], 1e-3);
      fd.check("opacities", scene.opacities(), analytic[2], 2e-3);
      fd.check("features", scene.features(), analytic[3], 2e-3);
      fd.assertFewDiscontinuities();
    }
  }

  /** Gradients of {@code dot(image, dImage) + dot(alpha, dAlpha)} on means2d, conics, opacities, features. */
  static float[][] analyticGradients(Scene scene, float[] dImage, float[] dAlpha, NDManager m,
      SplatRasterizer raster, float[] background) {
    synchronized (Autograd.LOCK) {
      try (NDManager scope = m.newSubManager();
          GradientCollector collector = m.getEngine().newGradientCollector()) {
        ProjectedSplats splats = scene.splats(scope, true);
        RenderPass pass = raster.render(splats, background);
        collector.backward(pass.surrogate(dImage, dAlpha));
        return new float[][] {splats.means2d().getGradient().toFloatArray(),
            splats.conics().getGradient().toFloatArray(), splats.opacities().getGradient().toFloatArray(),
            splats.features().getGradient().toFloatArray()};
      }
    }
  }
}
