package ai.fym.engine.diffusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.fym.engine.nn.Autograd;
import org.junit.jupiter.api.Test;

class UNetTest {
  private static final int S = 32;
  private static final int IN = 10;

  @Test
  void untrainedNetworkPredictsNoCorrectionButGradientsReachItsOutputLayer() {
    UNet net = new UNet(IN, 16);
    ParamStore base = net.declareBase(1);
    ParamStore control = net.declareControl(base, 3, 2);
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray input = m.randomNormal(new Shape(2, IN, S, S));
      NDArray time = m.create(Layers.timeFeatures(new float[] {0.3f, 0.7f}, UNet.TIME_FEATURES),
          new Shape(2, UNet.TIME_FEATURES));
      NDArray hint = m.randomNormal(new Shape(2, 3, S, S));
      float[] grad = new float[base.values().length];
      synchronized (Autograd.LOCK) {
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
          ParamStore.Bound b = base.bind(m, true);
          NDArray out = net.forward(b, input, time, control.bind(m, false), hint, null);
          assertEquals(new Shape(2, 3, S, S), out.getShape());
          assertEquals(0f, out.abs().max().getFloat(), 0f);
          gc.backward(out.sub(1f).square().mean());
          base.gradients(b, grad);
        }
      }
      double norm = 0;
      for (float g : grad) {
        norm += g * g;
      }
      assertTrue(norm > 0, "the zero output layer still receives a gradient");
    }
  }
}
