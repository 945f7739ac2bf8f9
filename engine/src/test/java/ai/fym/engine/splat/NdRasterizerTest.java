package ai.fym.engine.splat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.fym.engine.splat.SplatFixtures.Scene;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The NDArray rasterizer and the Java kernel render the same image and give the same gradients. */
class NdRasterizerTest {

  @ParameterizedTest
  @CsvSource({"11, 3, 60", "12, 3, 200", "13, 2, 120"})
  void agreesWithTheJavaKernel(long seed, int channels, int count) {
    Scene scene = SplatFixtures.random(count, 45, 38, channels, seed);
    float[] dImage = SplatFixtures.randomGradient(45 * 38 * channels, seed + 1);
    float[] dAlpha = SplatFixtures.randomGradient(45 * 38, seed + 2);
    float[] background = Arrays.copyOf(new float[] {0.2f, 0.5f, 0.9f}, channels);
    try (NDManager m = NDManager.newBaseManager(Device.cpu()); TileRasterizer kernel = new TileRasterizer(2);
        NdRasterizer nd = new NdRasterizer()) {
      RenderPass expected = kernel.render(scene.splats(m, false), background);
      float[] image = expected.image().clone();
      float[] alpha = expected.alpha().clone();
      RenderPass actual = nd.render(scene.splats(m, false), background);
      assertArrayEquals(image, actual.image(), 2e-5f);
      assertArrayEquals(alpha, actual.alpha(), 2e-5f);
      assertTrue(IntStream.range(0, alpha.length).filter(i -> alpha[i] > 0.5f).count() > alpha.length / 2,
          "the scene should cover most of the image");

      float[][] fast = TileRasterizerGradientTest.analyticGradients(scene, dImage, dAlpha, m, kernel, background);
      float[][] reference = TileRasterizerGradientTest.analyticGradients(scene, dImage, dAlpha, m, nd, background);
      String[] names = {"means2d", "conics", "opacities", "features"};
      for (int k = 0; k < names.length; k++) {
        for (int i = 0; i < fast[k].length; i++) {
          assertEquals(reference[k][i], fast[k][i], 1e-4 + 1e-4 * Math.abs(reference[k][i]), names[k] + "[" + i + "]");
        }
      }
    }
  }
}
