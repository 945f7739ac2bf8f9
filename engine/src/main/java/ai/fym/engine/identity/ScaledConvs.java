package ai.fym.engine.identity;

import ai.fym.engine.nn.Conv2d;
import ai.fym.engine.nn.Padding;
import ai.fym.engine.nn.TfjsWeights;

/**
 * Builds the recognition network's "conv + bias, then per-channel scale + shift" layers (dlib's
 * batch-norm replacement) as single convolutions, by folding the scale into weights and bias.
 */
final class ScaledConvs {
  private ScaledConvs() {}

  /** The layer {@code prefix} (tensors prefix/conv/filters, /conv/bias, /scale/weights, /scale/biases). */
  static Conv2d load(TfjsWeights weights, String prefix, int kernel, int in, int out, int stride, Padding padding) {
    float[] filters = weights.get(prefix + "/conv/filters", kernel, kernel, in, out).values().clone();
    float[] bias = weights.get(prefix + "/conv/bias", out).values().clone();
    float[] scale = weights.get(prefix + "/scale/weights", out).values();
    float[] shift = weights.get(prefix + "/scale/biases", out).values();
    for (int i = 0; i < filters.length; i++) {
      filters[i] *= scale[i % out];
    }
    for (int c = 0; c < out; c++) {
      bias[c] = bias[c] * scale[c] + shift[c];
    }
    return new Conv2d(kernel, stride, in, out, padding, filters, bias);
  }
}
