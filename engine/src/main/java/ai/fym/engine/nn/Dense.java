package ai.fym.engine.nn;

import java.util.Arrays;

/**
 * A fully connected layer {@code y = x W + b} (TF layout: W is {@code [in][out]}), the head of both
 * face networks. Immutable and thread-safe.
 */
public final class Dense {
  private final int inputs;
  private final int outputs;
  private final float[][] weightRows;
  private final float[] bias;

  /** @param bias the {@code [out]} bias, or null for a layer without bias */
  public Dense(TfjsWeights.Tensor weights, TfjsWeights.Tensor bias) {
    int[] s = weights.shape();
    if (s.length != 2 || (bias != null && bias.size() != s[1])) {
      throw new IllegalArgumentException("dense weights " + weights.name() + " are not [in,out] matching the bias");
    }
    this.inputs = s[0];
    this.outputs = s[1];
    this.weightRows = new float[inputs][];
    for (int j = 0; j < inputs; j++) {
      weightRows[j] = Arrays.copyOfRange(weights.values(), j * outputs, (j + 1) * outputs);
    }
    this.bias = bias == null ? new float[outputs] : bias.values().clone();
  }

  public int inputs() {
    return inputs;
  }

  public int outputs() {
    return outputs;
  }

  /** Writes {@code x W + b} for {@code x[0..inputs)} into {@code out[0..outputs)}. */
  public void apply(float[] x, float[] out) {
    System.arraycopy(bias, 0, out, 0, outputs);
    MatVec.accumulate(x, inputs, weightRows, outputs, out);
  }
}
