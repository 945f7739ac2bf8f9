package ai.fym.engine.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AdamTest {
  private static final float[] TARGET = {3f, -2f, 0.5f, 10f, -7f};
  private static final float[] CURVATURE = {1f, 20f, 0.05f, 3f, 0.5f};

  @Test
  void convergesOnAnIllConditionedQuadratic() {
    float[] x = new float[TARGET.length];
    float[] grad = new float[x.length];
    Adam adam = new Adam(x, 0.9f, 0.99f, 1e-10f, false);
    for (int step = 0; step < 3000; step++) {
      gradient(x, grad);
      adam.step(grad, step < 2000 ? 0.05f : 0.005f);
    }
    for (int i = 0; i < x.length; i++) {
      assertEquals(TARGET[i], x[i], 0.02, "coordinate " + i);
    }
    assertEquals(3000, adam.steps());
  }

  @Test
  void consumesTheGradient() {
    float[] x = {1f, 2f};
    float[] grad = {0.5f, -0.5f};
    new Adam(x, 0.9f, 0.99f, 1e-10f, false).step(grad, 0.1f);
    assertArrayEquals(new float[] {0f, 0f}, grad);
    // The first bias-corrected Adam step moves every coordinate by the learning rate against its gradient.
    assertArrayEquals(new float[] {0.9f, 2.1f}, x, 1e-6f);
  }

  @Test
  void lazyModeLeavesZeroGradientEntriesUntouched() {
    float[] lazy = {1f, 1f, 1f};
    float[] dense = {1f, 1f, 1f};
    Adam lazyAdam = new Adam(lazy, 0.9f, 0.99f, 1e-10f, true);
    Adam denseAdam = new Adam(dense, 0.9f, 0.99f, 1e-10f, false);
    // Step 1 gives every entry momentum; afterwards only entry 0 has a gradient.
    lazyAdam.step(new float[] {1f, 1f, 1f}, 0.1f);
    denseAdam.step(new float[] {1f, 1f, 1f}, 0.1f);
    float[] afterFirst = lazy.clone();
    float[][] momentsAfterFirst = {lazyAdam.state()[0].clone(), lazyAdam.state()[1].clone()};
    for (int step = 0; step < 5; step++) {
      lazyAdam.step(new float[] {1f, 0f, 0f}, 0.1f);
      denseAdam.step(new float[] {1f, 0f, 0f}, 0.1f);
    }
    assertNotEquals(afterFirst[0], lazy[0]);
    for (int i = 1; i < 3; i++) {
      assertEquals(afterFirst[i], lazy[i], "lazy entry " + i + " moved");
      assertEquals(momentsAfterFirst[0][i], lazyAdam.state()[0][i], "lazy first moment " + i + " decayed");
      assertEquals(momentsAfterFirst[1][i], lazyAdam.state()[1][i], "lazy second moment " + i + " decayed");
      // Dense Adam keeps moving them on the momentum left from step 1: the behaviour lazy mode avoids.
      assertTrue(dense[i] < afterFirst[i] - 0.1f, "dense entry " + i + " should coast on its momentum");
    }
    assertEquals(lazy[0], dense[0]);
  }

  @Test
  void restoredStateContinuesIdentically() {
    float[] a = {0f, 0f, 0f, 0f, 0f};
    float[] grad = new float[a.length];
    Adam first = new Adam(a, 0.9f, 0.99f, 1e-10f, true);
    for (int step = 0; step < 7; step++) {
      gradient(a, grad);
      first.step(grad, 0.05f);
    }
    float[] b = a.clone();
    Adam second = new Adam(b, 0.9f, 0.99f, 1e-10f, true);
    float[][] state = first.state();
    second.restore(state[0].clone(), state[1].clone(), (int) state[2][0]);
    for (int step = 0; step < 5; step++) {
      gradient(a, grad);
      first.step(grad, 0.05f);
      gradient(b, grad);
      second.step(grad, 0.05f);
    }
    assertArrayEquals(a, b);
  }

  /** d/dx of sum c_i (x_i - target_i)^2 / 2. */
  private static void gradient(float[] x, float[] grad) {
    for (int i = 0; i < x.length; i++) {
      grad[i] = CURVATURE[i] * (x[i] - TARGET[i]);
    }
  }
}
