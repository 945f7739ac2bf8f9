package ai.fym.engine.nn;

/**
 * A depthwise-separable convolution as in TF's {@code separableConv2d} + bias: a 3x3 depthwise
 * filter per input channel (SAME padding, any stride) followed by a pointwise (1x1) convolution to
 * the output channels. The depthwise result of a pixel is its column, so it never leaves a small
 * scratch vector. Immutable and thread-safe.
 */
public final class SeparableConv extends ConvKernel {
  private static final int K = 3;

  private final int stride;
  private final int inChannels;
  private final float[] depthwise;

  /**
   * @param depthwise TF layout {@code [3,3,cin,1]}
   * @param pointwise TF layout {@code [1,1,cin,cout]}
   * @param bias {@code [cout]}
   */
  public SeparableConv(TfjsWeights.Tensor depthwise, TfjsWeights.Tensor pointwise, TfjsWeights.Tensor bias,
      int stride) {
    super(pointwise.shape()[2], pointwise.shape()[3], pointwise.values(), bias.values());
    int[] d = depthwise.shape();
    int[] p = pointwise.shape();
    if (d.length != 4 || d[0] != K || d[1] != K || d[3] != 1 || p.length != 4 || p[0] != 1 || p[1] != 1
        || p[2] != d[2]) {
      throw new IllegalArgumentException("inconsistent separable conv tensors " + depthwise.name() + ", "
          + pointwise.name());
    }
    this.stride = stride;
    this.inChannels = d[2];
    this.depthwise = depthwise.values().clone();
  }

  @Override
  public int outSize(int in) {
    return Padding.SAME.outSize(in, K, stride);
  }

  @Override
  void column(FeatureMap in, int oy, int ox, float[] dst) {
    int y0 = oy * stride - Padding.SAME.padBefore(in.height(), K, stride);
    int x0 = ox * stride - Padding.SAME.padBefore(in.width(), K, stride);
    float[] x = in.data();
    float[] w = depthwise;
    int c = inChannels;
    int r0 = in.offset(y0, x0);
    int r1 = r0 + in.rowStride();
    int r2 = r1 + in.rowStride();
    for (int i = 0; i < c; i++) {
      dst[i] = x[r0 + i] * w[i] + x[r0 + c + i] * w[c + i] + x[r0 + 2 * c + i] * w[2 * c + i]
          + x[r1 + i] * w[3 * c + i] + x[r1 + c + i] * w[4 * c + i] + x[r1 + 2 * c + i] * w[5 * c + i]
          + x[r2 + i] * w[6 * c + i] + x[r2 + c + i] * w[7 * c + i] + x[r2 + 2 * c + i] * w[8 * c + i];
    }
  }

  @Override
  public void requireFits(FeatureMap in) {
    if (in.channels() != inChannels || in.border() < 1) {
      throw new IllegalArgumentException("input map " + in.channels() + " channels, border " + in.border()
          + "; separable conv needs " + inChannels + " channels, border 1");
    }
  }
}
