package ai.fym.engine.optim;

import java.util.stream.IntStream;

/**
 * Adam over one flat float array, in place. In lazy mode an entry whose gradient is exactly zero keeps its value
 * and moments (TensorFlow's LazyAdam): a hash-table step touches a few percent of the entries, so the others are
 * skipped instead of decaying, which is both cheaper and what instant-ngp's sparse updates amount to. The
 * gradient buffer is zeroed as it is consumed, ready for the next step.
 */
public final class Adam {
  private static final int CHUNK = 1 << 16;

  private final float[] params;
  private final float[] m;
  private final float[] v;
  private final float beta1;
  private final float beta2;
  private final float epsilon;
  private final boolean lazy;
  private int step;

  /** Adam over {@code params} (updated in place); {@code lazy} skips entries whose gradient is exactly zero. */
  public Adam(float[] params, float beta1, float beta2, float epsilon, boolean lazy) {
    this.params = params;
    this.m = new float[params.length];
    this.v = new float[params.length];
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
    this.lazy = lazy;
  }

  /** One step of size {@code learningRate} along {@code grad} (same length as the parameters; zeroed after). */
  public void step(float[] grad, float learningRate) {
    step++;
    float correction1 = 1f - (float) Math.pow(beta1, step);
    float correction2 = 1f - (float) Math.pow(beta2, step);
    float rate = learningRate * (float) Math.sqrt(correction2) / correction1;
    int chunks = (params.length + CHUNK - 1) / CHUNK;
    IntStream.range(0, chunks).parallel().forEach(c -> {
      int to = Math.min(params.length, (c + 1) * CHUNK);
      for (int i = c * CHUNK; i < to; i++) {
        float g = grad[i];
        if (lazy && g == 0f) {
          continue;
        }
        grad[i] = 0f;
        m[i] = beta1 * m[i] + (1 - beta1) * g;
        v[i] = beta2 * v[i] + (1 - beta2) * g * g;
        params[i] -= rate * m[i] / ((float) Math.sqrt(v[i]) + epsilon);
      }
    });
  }

  /** Steps taken so far. */
  public int steps() {
    return step;
  }

  /** The moments and step count, for checkpoints. */
  public float[][] state() {
    return new float[][] {m, v, {step}};
  }

  /** Restores what {@link #state()} returned. */
  public void restore(float[] moment1, float[] moment2, int steps) {
    System.arraycopy(moment1, 0, m, 0, m.length);
    System.arraycopy(moment2, 0, v, 0, v.length);
    this.step = steps;
  }
}
