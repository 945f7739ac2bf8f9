package ai.fym.engine.splat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.fym.engine.splat.SplatFixtures.Scene;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TileRasterizerTest {
  private static final float[] RGB_BACKGROUND = {0.2f, 0.5f, 0.9f};

  /**
   * Three opaque splats centred on pixel (8, 8), listed back to front: they are composited by depth, alpha clamps
   * at 0.99, and the pixel stops before the third, which would take its transmittance under 1e-4.
   */
  @Test
  void compositesByDepthClampsAlphaAndStopsAtTheTransmittanceFloor() {
    try (NDManager m = NDManager.newBaseManager(Device.cpu()); TileRasterizer raster = new TileRasterizer(1)) {
      ProjectedSplats splats = new ProjectedSplats(
          m.create(new float[] {8.5f, 8.5f, 8.5f, 8.5f, 8.5f, 8.5f}, new Shape(3, 2)),
          m.create(new float[] {0.5f, 0, 0.5f, 0.5f, 0, 0.5f, 0.5f, 0, 0.5f}, new Shape(3, 3)),
          m.create(new float[] {1, 1, 1}), m.create(new float[] {100, 1, 10}, new Shape(3, 1)),
          m.create(new float[] {3, 1, 2}), new float[] {5, 5, 5}, 20, 20);
      RenderPass pass = raster.render(splats, new float[] {1000});
      double front = 0.99;
      double second = 0.01 * 0.99;
      double left = 0.01 * 0.01;
      assertEquals(1 * front + 10 * second + 1000 * left, pass.image()[8 * 20 + 8], 1e-4);
      assertEquals(1 - left, pass.alpha()[8 * 20 + 8], 1e-6);
      assertEquals(1000, pass.image()[19 * 20 + 19], 0, "an uncovered pixel shows the background");
    }
  }

  @Test
  void culledSplatsDrawNothingAndGetNoGradient() {
    Scene scene = SplatFixtures.random(30, 40, 30, 3, 5);
    Scene culled = SplatFixtures.random(31, 40, 30, 3, 5); // the same 30 splats and one more, culled
    culled.means2d()[60] = 20;
    culled.means2d()[61] = 15;
    culled.opacities()[30] = 0.99f;
    culled.radii()[30] = 0;
    float[] dImage = SplatFixtures.randomGradient(40 * 30 * 3, 6);
    try (NDManager m = NDManager.newBaseManager(Device.cpu()); TileRasterizer raster = new TileRasterizer(2)) {
      float[] expected = raster.render(scene.splats(m, false), RGB_BACKGROUND).image().clone();
      assertArrayEquals(expected, raster.render(culled.splats(m, false), RGB_BACKGROUND).image());
      float[][] g = TileRasterizerGradientTest.analyticGradients(culled, dImage, null, m, raster, RGB_BACKGROUND);
      for (float[] values : g) {
        int per = values.length / 31;
        for (int k = 30 * per; k < 31 * per; k++) {
          assertEquals(0, values[k], 0);
        }
      }
    }
  }

  @Test
  void threadsDoNotChangeTheResult() {
    Scene scene = SplatFixtures.random(400, 100, 70, 3, 9);
    float[] dImage = SplatFixtures.randomGradient(100 * 70 * 3, 10);
    float[] dAlpha = SplatFixtures.randomGradient(100 * 70, 11);
    try (NDManager m = NDManager.newBaseManager(Device.cpu()); TileRasterizer one = new TileRasterizer(1);
        TileRasterizer three = new TileRasterizer(3)) {
      assertArrayEquals(one.render(scene.splats(m, false), RGB_BACKGROUND).image(),
          three.render(scene.splats(m, false), RGB_BACKGROUND).image());
      float[][] expected = TileRasterizerGradientTest.analyticGradients(scene, dImage, dAlpha, m, one, RGB_BACKGROUND);
      float[][] actual = TileRasterizerGradientTest.analyticGradients(scene, dImage, dAlpha, m, three, RGB_BACKGROUND);
      for (int k = 0; k < expected.length; k++) {
        for (int i = 0; i < expected[k].length; i++) {
          assertEquals(expected[k][i], actual[k][i], 1e-6 * (1 + Math.abs(expected[k][i])));
        }
      }
    }
  }

  @Test
  void anEmptySceneShowsTheBackgroundInBothRasterizers() {
    Scene empty = SplatFixtures.random(0, 20, 18, 3, 1);
    try (NDManager m = NDManager.newBaseManager(Device.cpu()); TileRasterizer kernel = new TileRasterizer(2);
        NdRasterizer nd = new NdRasterizer()) {
      for (SplatRasterizer raster : new SplatRasterizer[] {kernel, nd}) {
        RenderPass pass = raster.render(empty.splats(m, false), RGB_BACKGROUND);
        float[] image = pass.image();
        float[] alpha = pass.alpha();
        for (int i = 0; i < 20 * 18; i++) {
          assertArrayEquals(RGB_BACKGROUND, Arrays.copyOfRange(image, 3 * i, 3 * i + 3));
          assertEquals(0, alpha[i]);
        }
      }
    }
  }

  @Test
  void aPassIsStaleAfterTheNextRender() {
    Scene scene = SplatFixtures.random(10, 20, 20, 3, 1);
    try (NDManager m = NDManager.newBaseManager(Device.cpu()); TileRasterizer raster = new TileRasterizer(1)) {
      RenderPass first = raster.render(scene.splats(m, false), RGB_BACKGROUND);
      float[] image = first.image().clone();
      RenderPass second = raster.render(scene.splats(m, false), RGB_BACKGROUND);
      assertArrayEquals(image, second.image());
      assertThrows(IllegalStateException.class, first::image);
      assertThrows(IllegalStateException.class, () -> first.surrogate(new float[image.length]));
    }
  }

  @Test
  void rejectsABackgroundOfTheWrongLength() {
    Scene scene = SplatFixtures.random(5, 20, 20, 3, 1);
    try (NDManager m = NDManager.newBaseManager(Device.cpu()); TileRasterizer raster = new TileRasterizer(1)) {
      assertThrows(IllegalArgumentException.class, () -> raster.render(scene.splats(m, false), new float[2]));
      assertThrows(IllegalArgumentException.class,
          () -> raster.render(scene.splats(m, false), RGB_BACKGROUND).surrogate(new float[7]));
    }
  }
}
