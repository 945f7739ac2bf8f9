package ai.fym.engine.splat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.fym.engine.nn.Autograd;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ProjectionTest {
  private static final Camera CAMERA = Camera.frontal(36, 28, 40, 3);
  private static final float[] BACKGROUND = {0.1f, 0.1f, 0.1f};

  /** Plain values of N Gaussians' parameters, in the layouts of {@link GaussianParams}. */
  private record Values(float[] means, float[] logScales, float[] rotations, float[] opacityLogits, float[] sh) {
    GaussianParams params(NDManager m, boolean gradient) {
      int n = opacityLogits.length;
      NDArray[] arrays = {m.create(means, new Shape(n, 3)), m.create(logScales, new Shape(n, 3)),
          m.create(rotations, new Shape(n, 4)), m.create(opacityLogits, new Shape(n)),
          m.create(sh, new Shape(n, 4, 3))};
      for (NDArray a : arrays) {
        a.setRequiresGradient(gradient);
      }
      return new GaussianParams(arrays[0], arrays[1], arrays[2], arrays[3], arrays[4]);
    }
  }

  /** Gaussians in front of {@link #CAMERA}, 1-3 px across, randomly rotated and coloured. */
  private static Values random(int n, long seed) {
    Random r = new Random(seed);
    Values v = new Values(new float[3 * n], new float[3 * n], new float[4 * n], new float[n], new float[12 * n]);
    for (int i = 0; i < n; i++) {
      v.means[3 * i] = (r.nextFloat() - 0.5f) * 2.2f;
      v.means[3 * i + 1] = (r.nextFloat() - 0.5f) * 1.6f;
      v.means[3 * i + 2] = (r.nextFloat() - 0.5f) * 1.0f;
      for (int k = 0; k < 3; k++) {
        v.logScales[3 * i + k] = (float) Math.log((1 + 2 * r.nextFloat()) * 3 / 40.0);
      }
      for (int k = 0; k < 4; k++) {
        v.rotations[4 * i + k] = (float) r.nextGaussian();
      }
      v.opacityLogits[i] = -1 + 4 * r.nextFloat();
      for (int k = 0; k < 12; k++) {
        v.sh[12 * i + k] = r.nextFloat() - 0.5f;
      }
    }
    return v;
  }

  @Test
  void projectsAnIsotropicGaussianOnTheAxis() {
    try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
      Values v = new Values(new float[3], new float[] {-3, -3, -3}, new float[] {1, 0, 0, 0}, new float[] {0},
          new float[12]);
      v.sh[0] = 1;
      ProjectedSplats p = Projection.project(v.params(m, false), CAMERA);
      double sigma = 40 * Math.exp(-3) / 3;
      double variance = sigma * sigma + Projection.LOW_PASS;
      assertArrayEquals(new float[] {18, 14}, p.means2d().toFloatArray(), 1e-5f);
      assertArrayEquals(new float[] {(float) (1 / variance), 0, (float) (1 / variance)}, p.conics().toFloatArray(),
          1e-5f);
      assertEquals(0.5f, p.opacities().getFloat(0), 1e-6);
      assertEquals(3, p.depths().getFloat(0), 1e-6);
      assertEquals(Math.ceil(3 * Math.sqrt(variance + Math.sqrt(0.1))), p.radii()[0], 0,
          "3DGS floors the eigenvalue spread at 0.1");
      assertArrayEquals(new float[] {0.28209479f + 0.5f, 0.5f, 0.5f}, p.features().toFloatArray(), 1e-6f);
    }
  }

  @Test
  void culledGaussiansGetRadiusZeroAndNoGradient() {
    Values v = random(4, 3);
    v.means[2] = -3.5f;
    v.means[5] = -3f;
    v.means[6] = 40f;
    try (NDManager m = NDManager.newBaseManager(Device.cpu()); TileRasterizer raster = new TileRasterizer(1)) {
      synchronized (Autograd.LOCK) {
        try (GradientCollector collector = m.getEngine().newGradientCollector()) {
          GaussianParams g = v.params(m, true);
          ProjectedSplats p = Projection.project(g, CAMERA);
          assertArrayEquals(new float[] {0, 0, 0}, Arrays.copyOf(p.radii(), 3), "behind, at, beside");
          assertTrue(p.radii()[3] > 0);
          RenderPass pass = raster.render(p, BACKGROUND);
          collector.backward(pass.surrogate(SplatFixtures.randomGradient(pass.image().length, 4)));
          for (NDArray param : new NDArray[] {g.means(), g.logScales(), g.rotations(), g.opacityLogits(), g.sh()}) {
            float[] grad = param.getGradient().toFloatArray();
            int per = grad.length / 4;
            for (int k = 0; k < grad.length; k++) {
              assertTrue(Float.isFinite(grad[k]), "gradient " + k + " is finite");
              if (k < 3 * per) {
                assertEquals(0, grad[k], "gradient " + k + " of a culled Gaussian");
              }
            }
          }
        }
      }
    }
  }

  @Test
  void gradientsThroughProjectionAndRasterizerMatchFiniteDifferences() {
    Values v = random(12, 8);
    float[] dImage = SplatFixtures.randomGradient(36 * 28 * 3, 9);
    try (NDManager m = NDManager.newBaseManager(Device.cpu()); TileRasterizer raster = new TileRasterizer(2)) {
      float[][] analytic;
      synchronized (Autograd.LOCK) {
        try (NDManager scope = m.newSubManager();
            GradientCollector collector = m.getEngine().newGradientCollector()) {
          GaussianParams g = v.params(scope, true);
          RenderPass pass = raster.render(Projection.project(g, CAMERA), BACKGROUND);
          collector.backward(pass.surrogate(dImage));
          analytic = new float[][] {g.means().getGradient().toFloatArray(), g.logScales().getGradient().toFloatArray(),
              g.rotations().getGradient().toFloatArray(), g.opacityLogits().getGradient().toFloatArray(),
              g.sh().getGradient().toFloatArray()};
        }
      }
      FiniteDifferences fd = new FiniteDifferences(() -> {
        try (NDManager scope = m.newSubManager()) {
          return SplatFixtures.dot(raster.render(Projection.project(v.params(scope, false), CAMERA), BACKGROUND)
              .image(), dImage);
        }
      });
      fd.check("means", v.means, analytic[0], 4e-4);
      fd.check("logScales", v.logScales, analytic[1], 2e-3);
      fd.check("rotations", v.rotations, analytic[2], 2e-3);
      fd.check("opacityLogits", v.opacityLogits, analytic[3], 4e-3);
      fd.check("sh", v.sh, analytic[4], 4e-3);
      fd.assertFewDiscontinuities();
    }
  }
}
