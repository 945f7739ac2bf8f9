package ai.fym.engine.avatar;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import java.util.Random;

/**
 * The per-frame deformation: a small network that reads a Gaussian's canonical position (positional encoding)
 * and the frame's landmark code, and moves the Gaussian (3 values) and shifts its colour (3 values, on the
 * spherical harmonics' DC term). Two hidden ReLU layers; the output layer starts at zero, so an untrained network
 * leaves the canonical avatar as it is. Its parameters are one flat float array: first-layer weights for the
 * encoding, then for the code, first-layer bias, second layer, output layer.
 */
final class Deformer {
  /** Frequencies of the positional encoding (sin and cos of 2^k pi x per axis). */
  static final int FREQUENCIES = 4;
  static final int ENCODING = 3 + 3 * 2 * FREQUENCIES;
  static final int OUTPUTS = 6;
  /** Canonical units per unit of network output for the offsets (0.05 is ~3 pixels at 128). */
  static final float OFFSET_SCALE = 0.05f;

  private final int codeSize;
  private final int hidden;

  Deformer(int codeSize, int hidden) {
    this.codeSize = codeSize;
    this.hidden = hidden;
  }

  int hidden() {
    return hidden;
  }

  /** Number of parameters. */
  int size() {
    return (ENCODING + codeSize) * hidden + hidden + hidden * hidden + hidden + hidden * OUTPUTS + OUTPUTS;
  }

  /** He-initialised hidden layers and a zero output layer. */
  float[] initialise(long seed) {
    float[] p = new float[size()];
    Random random = new Random(seed);
    int o = 0;
    double std1 = Math.sqrt(2.0 / (ENCODING + codeSize));
    for (int i = 0; i < (ENCODING + codeSize) * hidden; i++) {
      p[o++] = (float) (random.nextGaussian() * std1);
    }
    o += hidden;
    double std2 = Math.sqrt(2.0 / hidden);
    for (int i = 0; i < hidden * hidden; i++) {
      p[o++] = (float) (random.nextGaussian() * std2);
    }
    return p;
  }

  /** The positional encoding of {@code count} canonical means, {@code (count, ENCODING)} row-major. */
  static float[] encode(float[] means, int count) {
    float[] e = new float[count * ENCODING];
    for (int i = 0; i < count; i++) {
      int o = i * ENCODING;
      for (int a = 0; a < 3; a++) {
        float x = means[3 * i + a];
        e[o++] = x;
        for (int k = 0; k < FREQUENCIES; k++) {
          double angle = Math.PI * (1 << k) * x;
          e[o++] = (float) Math.sin(angle);
          e[o++] = (float) Math.cos(angle);
        }
      }
    }
    return e;
  }

  /**
   * The network's output {@code (n, 6)} for encodings {@code encoding (n, ENCODING)} and one frame's
   * {@code code (1, codeSize)}, from the parameter array {@code params} (an NDArray that may require gradient).
   */
  NDArray apply(NDArray params, NDArray encoding, NDArray code) {
    int o = 0;
    NDArray wEncoding = slice(params, o, ENCODING, hidden);
    o += ENCODING * hidden;
    NDArray wCode = slice(params, o, codeSize, hidden);
    o += codeSize * hidden;
    NDArray b1 = slice(params, o, 1, hidden);
    o += hidden;
    NDArray w2 = slice(params, o, hidden, hidden);
    o += hidden * hidden;
    NDArray b2 = slice(params, o, 1, hidden);
    o += hidden;
    NDArray w3 = slice(params, o, hidden, OUTPUTS);
    o += hidden * OUTPUTS;
    NDArray b3 = slice(params, o, 1, OUTPUTS);
    NDArray frame = code.matMul(wCode).add(b1);
    NDArray h1 = Activation.relu(encoding.matMul(wEncoding).add(frame));
    NDArray h2 = Activation.relu(h1.matMul(w2).add(b2));
    return h2.matMul(w3).add(b3);
  }

  /** The code as a {@code (1, codeSize)} array. */
  NDArray code(NDManager manager, float[] vector) {
    return manager.create(vector, new Shape(1, codeSize));
  }

  private static NDArray slice(NDArray params, int offset, int rows, int cols) {
    return params.get(offset + ":" + (offset + rows * cols)).reshape(rows, cols);
  }
}
