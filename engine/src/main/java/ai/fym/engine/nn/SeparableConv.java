package ai.fym.engine.nn;

/**
 * A depthwise-separable convolution as in TF's {@code separableConv2d} + bias: a 3x3 depthwise
 * filter per input channel (SAME padding, any stride) followed by a pointwise (1x1) convolution
 * to the output channels. Both steps run per output pixel, so the depthwise result never leaves a
 * small scratch vector. Immutable and thread-safe; callers pass their own scratch.
 */
public final class SeparableConv implements PixelKernel {
  private static final int K = 3;

  private final int stride;
  private final int inChannels;
  private final int outChannels;
  private final float[] depthwise;
  private final float[] pointwise;
  private final float[] bias;

  /**
   * @param depthwise TF layout {@code [3,3,cin,1]}
   * @param pointwise TF layout {@code [1,1,cin,cout]}
   * @param bias {@code [cout]}
   */
  public SeparableConv(TfjsWeights.Tensor depthwise, TfjsWeights.Tensor pointwise, TfjsWeights.Tensor bias,
      int stride) {
    int[] d = depthwise.shape();
    int[] p = pointwise.shape();
    if (d.length != 4 || d[0] != K || d[1] != K || d[3] != 1 || p.length != 4 || p[2] != d[2]
        || bias.size() != p[3]) {
      throw new IllegalArgumentException("inconsistent separable conv tensors " + depthwise.name() + ", "
          + pointwise.name() + ", " + bias.name());
    }
    this.stride = stride;
    this.inChannels = d[2];
    this.outChannels = p[3];
    this.depthwise = depthwise.values().clone();
    this.pointwise = pointwise.values().clone();
    this.bias = bias.values().clone();
  }

  public int inChannels() {
    return inChannels;
  }

  @Override
  public int outChannels() {
    return outChannels;
  }

  /** The depthwise result of one pixel is kept in the scratch. */
  @Override
  public int scratchSize() {
    return inChannels;
  }

  @Override
  public int outSize(int in) {
    return Padding.SAME.outSize(in, K, stride);
  }

  @Override
  public void pixel(FeatureMap in, int oy, int ox, float[] depthwiseOut, float[] acc) {
    int y0 = oy * stride - Padding.SAME.padBefore(in.height(), K, stride);
    int x0 = ox * stride - Padding.SAME.padBefore(in.width(), K, stride);
    float[] x = in.data();
    int c = inChannels;
    int r0 = in.offset(y0, x0);
    int r1 = r0 + in.rowStride();
    int r2 = r1 + in.rowStride();
    float[] w = depthwise;
    for (int i = 0; i < c; i++) {
      depthwiseOut[i] = x[r0 + i] * w[i] + x[r0 + c + i] * w[c + i] + x[r0 + 2 * c + i] * w[2 * c + i]
          + x[r1 + i] * w[3 * c + i] + x[r1 + c + i] * w[4 * c + i] + x[r1 + 2 * c + i] * w[5 * c + i]
          + x[r2 + i] * w[6 * c + i] + x[r2 + c + i] * w[7 * c + i] + x[r2 + 2 * c + i] * w[8 * c + i];
    }
    System.arraycopy(bias, 0, acc, 0, outChannels);
    MatVec.accumulate(depthwiseOut, 0, inChannels, pointwise, 0, outChannels, acc);
  }

  @Override
  public void requireFits(FeatureMap in) {
    if (in.channels() != inChannels || in.border() < 1) {
      throw new IllegalArgumentException("input map " + in.channels() + " channels, border " + in.border()
          + "; separable conv needs " + inChannels + " channels, border 1");
    }
  }
}
