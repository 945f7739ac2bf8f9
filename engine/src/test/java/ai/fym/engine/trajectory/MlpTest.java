package ai.fym.engine.trajectory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MlpTest {
  private static final int N = 3;
  private static final double H = 1e-3;

  @Test
  void gradientsMatchFiniteDifferences() {
    try (Mlp mlp = new Mlp(new int[] {5, 8, 6, 2}, 3L, Device.cpu())) {
      Random random = new Random(5);
      float[] params = mlp.params();
      for (int i = 0; i < params.length; i++) {
        params[i] = (float) (random.nextGaussian() * 0.5);
      }
      mlp.sync();
      float[] x = new float[N * mlp.inputSize()];
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) random.nextGaussian();
      }
      float[] weights = new float[N * mlp.outputSize()];
      for (int i = 0; i < weights.length; i++) {
        weights[i] = (float) random.nextGaussian();
      }
      float[] paramGrad = new float[params.length];
      float[] inputGrad = mlp.backward(x, N, out -> weights.clone(), paramGrad);

      for (int i = 0; i < x.length; i++) {
        float keep = x[i];
        x[i] = (float) (keep + H);
        double plus = loss(mlp, x, weights);
        x[i] = (float) (keep - H);
        double minus = loss(mlp, x, weights);
        x[i] = keep;
        assertClose((plus - minus) / (2 * H), inputGrad[i], "input " + i);
      }
      for (int i = 0; i < params.length; i++) {
        float keep = params[i];
        params[i] = (float) (keep + H);
        mlp.sync();
        double plus = loss(mlp, x, weights);
        params[i] = (float) (keep - H);
        mlp.sync();
        double minus = loss(mlp, x, weights);
        params[i] = keep;
        mlp.sync();
        assertClose((plus - minus) / (2 * H), paramGrad[i], "parameter " + i);
      }
    }
  }

  @Test
  void parameterGradientsAccumulateAcrossCalls() {
    try (Mlp mlp = new Mlp(new int[] {4, 8, 2}, 9L, Device.cpu())) {
      float[] x = {0.3f, -0.2f, 0.9f, 0.1f};
      float[] once = new float[mlp.params().length];
      mlp.backward(x, 1, out -> new float[] {1f, -1f}, once);
      float[] twice = new float[once.length];
      mlp.backward(x, 1, out -> new float[] {1f, -1f}, twice);
      mlp.backward(x, 1, out -> new float[] {1f, -1f}, twice);
      for (int i = 0; i < once.length; i++) {
        assertEquals(2 * once[i], twice[i], 1e-6, "parameter " + i);
      }
    }
  }

  /** sum(forward(x) * weights), the loss whose gradient backward() returns for these weights. */
  private static double loss(Mlp mlp, float[] x, float[] weights) {
    float[] out = mlp.forward(x, N);
    double sum = 0;
    for (int i = 0; i < out.length; i++) {
      sum += (double) out[i] * weights[i];
    }
    return sum;
  }

  private static void assertClose(double numeric, float analytic, String what) {
    assertEquals(numeric, analytic, 2e-3 + 1e-2 * Math.abs(numeric), what);
  }
}
