package ai.fym.engine.splat;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class RasterBenchmarkTest {
  private static final Camera CAMERA = Camera.frontal(64, 64, 77, 3);

  @Test
  void faceLikeScenesAreVisibleAndPixelSized() {
    try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
      ProjectedSplats p = Projection.project(RasterBenchmark.faceLikeScene(m, 500, CAMERA, 1), CAMERA);
      float[] conics = p.conics().toFloatArray();
      for (int i = 0; i < p.count(); i++) {
        assertTrue(p.radii()[i] > 0, "every Gaussian is in view");
        double det = conics[3 * i] * conics[3 * i + 2] - conics[3 * i + 1] * conics[3 * i + 1];
        double largestVariance = Math.max(conics[3 * i], conics[3 * i + 2]) / det;
        assertTrue(largestVariance > Projection.LOW_PASS && largestVariance < 6 * 6, "sigma " + largestVariance);
      }
    }
  }

  @Test
  void measuresPositiveFiniteTimes() {
    try (NDManager m = NDManager.newBaseManager(Device.cpu()); TileRasterizer kernel = new TileRasterizer(2);
        NdRasterizer nd = new NdRasterizer()) {
      ProjectedSplats p = Projection.project(RasterBenchmark.faceLikeScene(m, 300, CAMERA, 2), CAMERA);
      for (SplatRasterizer raster : new SplatRasterizer[] {kernel, nd}) {
        RasterBenchmark.Timing t = RasterBenchmark.measure(raster, p, 1, 2, 3);
        assertTrue(t.forwardMs() > 0 && Double.isFinite(t.forwardMs()));
        assertTrue(t.forwardBackwardMs() > 0 && Double.isFinite(t.forwardBackwardMs()));
      }
      assertThrows(IllegalArgumentException.class, () -> RasterBenchmark.measure(kernel, p, 0, 0, 3));
    }
  }
}
