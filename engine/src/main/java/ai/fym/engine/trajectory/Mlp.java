package ai.fym.engine.trajectory;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import ai.fym.engine.nn.Autograd;
import java.util.Arrays;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * The trajectory field's decoder: a small fully connected network (ReLU between layers) in DJL NDArrays, so it
 * runs on whatever device DJL has and its backward pass is DJL autograd. The hash features arrive as a plain
 * array from whichever encoding made them; the gradient with respect to them is handed back the same way, which
 * is where the CPU kernel's analytic backward takes over.
 *
 * <p>The flat {@link #params()} array (per layer: weights row-major in x out, then biases) is the source of
 * truth for optimisers and checkpoints; {@link #sync()} copies it to the device.
 */
final class Mlp implements AutoCloseable {
  private final int[] sizes;
  private final float[] params;
  private final NDManager manager;
  private final NDArray[] weights;
  private final NDArray[] biases;

  /** Layer widths {@code sizes} (input first); He-initialised from {@code seed}, the last layer scaled down. */
  Mlp(int[] sizes, long seed, Device device) {
    this.sizes = sizes.clone();
    int count = 0;
    for (int l = 0; l + 1 < sizes.length; l++) {
      count += sizes[l] * sizes[l + 1] + sizes[l + 1];
    }
    this.params = new float[count];
    Random random = new Random(seed);
    int o = 0;
    for (int l = 0; l + 1 < sizes.length; l++) {
      boolean last = l + 2 == sizes.length;
      double std = Math.sqrt(2.0 / sizes[l]) * (last ? 0.01 : 1.0);
      for (int i = 0; i < sizes[l] * sizes[l + 1]; i++) {
        params[o++] = (float) (random.nextGaussian() * std);
      }
      o += sizes[l + 1];
    }
    this.manager = NDManager.newBaseManager(device);
    this.weights = new NDArray[sizes.length - 1];
    this.biases = new NDArray[sizes.length - 1];
    for (int l = 0; l + 1 < sizes.length; l++) {
      weights[l] = manager.zeros(new Shape(sizes[l], sizes[l + 1]));
      biases[l] = manager.zeros(new Shape(sizes[l + 1]));
    }
    sync();
  }

  int inputSize() {
    return sizes[0];
  }

  int outputSize() {
    return sizes[sizes.length - 1];
  }

  /** The flat parameters (not copied): change them, then call {@link #sync()}. */
  float[] params() {
    return params;
  }

  /** Copies {@link #params()} to the device arrays. */
  void sync() {
    int o = 0;
    for (int l = 0; l < weights.length; l++) {
      int w = sizes[l] * sizes[l + 1];
      weights[l].set(Arrays.copyOfRange(params, o, o + w));
      o += w;
      biases[l].set(Arrays.copyOfRange(params, o, o + sizes[l + 1]));
      o += sizes[l + 1];
    }
  }

  /** The outputs (n x out, row-major) for inputs {@code x} (n x in). */
  float[] forward(float[] x, int n) {
    try (NDManager scope = manager.newSubManager()) {
      return run(scope.create(x, new Shape(n, sizes[0]))).toFloatArray();
    }
  }

  /**
   * One training pass: the outputs go to {@code lossGradient}, which returns d(loss)/d(output); the parameter
   * gradients are added to {@code paramGrad} (layout of {@link #params()}) and d(loss)/d(input) is returned.
   */
  float[] backward(float[] x, int n, UnaryOperator<float[]> lossGradient, float[] paramGrad) {
    synchronized (Autograd.LOCK) {
      return backwardAlone(x, n, lossGradient, paramGrad);
    }
  }

  private float[] backwardAlone(float[] x, int n, UnaryOperator<float[]> lossGradient, float[] paramGrad) {
    try (NDManager scope = manager.newSubManager()) {
      for (int l = 0; l < weights.length; l++) {
        weights[l].setRequiresGradient(true);
        biases[l].setRequiresGradient(true);
      }
      NDArray input = scope.create(x, new Shape(n, sizes[0]));
      input.setRequiresGradient(true);
      try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
        NDArray out = run(input);
        float[] dOut = lossGradient.apply(out.toFloatArray());
        collector.backward(out.mul(scope.create(dOut, out.getShape())).sum());
      }
      int o = 0;
      for (int l = 0; l < weights.length; l++) {
        o = addGradient(weights[l], scope, paramGrad, o);
        o = addGradient(biases[l], scope, paramGrad, o);
      }
      NDArray dInput = input.getGradient();
      dInput.attach(scope);
      return dInput.toFloatArray();
    } finally {
      for (int l = 0; l < weights.length; l++) {
        weights[l].setRequiresGradient(false);
        biases[l].setRequiresGradient(false);
      }
    }
  }

  /** Adds the parameter's gradient into {@code into} at {@code offset} and zeroes it (autograd accumulates). */
  private static int addGradient(NDArray parameter, NDManager scope, float[] into, int offset) {
    NDArray g = parameter.getGradient();
    g.attach(scope);
    float[] values = g.toFloatArray();
    g.subi(g);
    for (int i = 0; i < values.length; i++) {
      into[offset + i] += values[i];
    }
    return offset + values.length;
  }

  private NDArray run(NDArray x) {
    NDArray h = x;
    for (int l = 0; l < weights.length; l++) {
      h = h.matMul(weights[l]).add(biases[l]);
      if (l + 1 < weights.length) {
        h = Activation.relu(h);
      }
    }
    return h;
  }

  @Override
  public void close() {
    manager.close();
  }
}
