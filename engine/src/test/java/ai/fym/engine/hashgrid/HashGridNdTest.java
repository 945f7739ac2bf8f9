package ai.fym.engine.hashgrid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.Device;
import org.junit.jupiter.api.Test;

class HashGridNdTest {

  @Test
  void agreesWithCpuKernelOnSmallConfig() {
    compare(HashGridCpuTest.SMALL);
  }

  @Test
  void agreesWithCpuKernelOnCodefConfig() {
    compare(HashGridConfig.codef());
  }

  @Test
  void agreesWithCpuKernelOnTheGeneralFeatureCountPath() {
    compare(new HashGridConfig(3, 3, 10, 4, 1.7));
  }

  private static void compare(HashGridConfig c) {
    float[] params = HashGridCpu.randomParams(c, 21L);
    for (int i = 0; i < params.length; i++) {
      params[i] *= 1e4f;
    }
    int n = 1000;
    float[] xyt = HashGridCpuTest.randomPoints(n, 22L);
    xyt[0] = 1f;
    xyt[4] = 0f;
    float[] dOut = HashGridCpuTest.randomPoints(n * c.outputSize() / 3 + 1, 23L);
    try (HashGridCpu cpu = new HashGridCpu(c, params, 2); HashGridNd nd = new HashGridNd(c, params, Device.cpu())) {
      assertArrayEquals(cpu.params(), nd.params());
      assertArrayEquals(cpu.forward(xyt, n), nd.forward(xyt, n), 1e-5f);
      float[] expected = cpu.backward(xyt, n, dOut);
      assertArrayEquals(expected, nd.backward(xyt, n, dOut), 1e-4f);
      assertArrayEquals(expected, nd.backward(xyt, n, dOut), 1e-4f, "gradients must not accumulate");
    }
  }
}
