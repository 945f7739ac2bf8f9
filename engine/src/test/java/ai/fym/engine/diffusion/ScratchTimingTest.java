package ai.fym.engine.diffusion;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

class ScratchTimingTest {
  @Test
  void time() {
    for (int[] cfg : new int[][] {{64, 32, 4}, {64, 24, 4}, {48, 32, 4}, {64, 32, 8}}) {
      int s = cfg[0], c = cfg[1], b = cfg[2];
      UNet net = new UNet(44, c);
      ParamStore base = net.declareBase(1);
      ParamStore control = net.declareControl(base, 3, 2);
      long t0 = 0;
      for (int i = 0; i < 12; i++) {
        if (i == 2) t0 = System.nanoTime();
        try (NDManager m = NDManager.newBaseManager()) {
          NDArray input = m.randomNormal(new Shape(b, 44, s, s));
          NDArray time = m.randomNormal(new Shape(b, UNet.TIME_FEATURES));
          NDArray hint = m.randomNormal(new Shape(b, 3, s, s));
          float[] grad = new float[control.values().length];
          try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            ParamStore.Bound cb = control.bind(m, true);
            NDArray out = net.forward(base.bind(m, false), input, time, cb, hint, null);
            gc.backward(out.sub(1f).square().mean());
            control.gradients(cb, grad);
          }
        }
      }
      System.out.printf("S=%d c=%d b=%d params base %d control %d: %.1f ms/step (control)%n", s, c, b,
          base.values().length, control.values().length, (System.nanoTime() - t0) / 10 / 1e6);
      t0 = 0;
      for (int i = 0; i < 12; i++) {
        if (i == 2) t0 = System.nanoTime();
        try (NDManager m = NDManager.newBaseManager()) {
          NDArray input = m.randomNormal(new Shape(b, 44, s, s));
          NDArray time = m.randomNormal(new Shape(b, UNet.TIME_FEATURES));
          float[] grad = new float[base.values().length];
          try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            ParamStore.Bound bb = base.bind(m, true);
            NDArray out = net.forward(bb, input, time, null, null, null);
            gc.backward(out.sub(1f).square().mean());
            base.gradients(bb, grad);
          }
        }
      }
      System.out.printf("   base only: %.1f ms/step%n", (System.nanoTime() - t0) / 10 / 1e6);
    }
  }
}
