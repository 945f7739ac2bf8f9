package ai.fym.engine.nn;

/**
 * A dense 2-D convolution with bias (TF filter layout {@code [k][k][cin][cout]}), any square kernel
 * and stride, SAME or VALID padding; a 1x1 kernel is a pointwise convolution. In an NHWC
 * {@link FeatureMap} each kernel row of the receptive field is contiguous, and so is the matching
 * block of weights, so the column is gathered with {@code k} array copies. Immutable, thread-safe.
 */
public final class Conv2d extends ConvKernel {
  private final int kernel;
  private final int stride;
  private final int inChannels;
  private final Padding padding;

  /**
   * @param weights {@code kernel*kernel*inChannels*outChannels} values in TF order (copied)
   * @param bias {@code outChannels} values (copied)
   */
  public Conv2d(int kernel, int stride, int inChannels, int outChannels, Padding padding,
      float[] weights, float[] bias) {
    super(kernel * kernel * inChannels, outChannels, weights, bias);
    this.kernel = kernel;
    this.stride = stride;
    this.inChannels = inChannels;
    this.padding = padding;
  }

  /** From a TF filter tensor {@code [k,k,cin,cout]} and a bias tensor {@code [cout]}. */
  public static Conv2d of(TfjsWeights.Tensor filters, TfjsWeights.Tensor bias, int stride, Padding padding) {
    int[] s = filters.shape();
    if (s.length != 4 || s[0] != s[1]) {
      throw new IllegalArgumentException("filter " + filters.name() + " is not [k,k,cin,cout]");
    }
    return new Conv2d(s[0], stride, s[2], s[3], padding, filters.values(), bias.values());
  }

  @Override
  public int outSize(int in) {
    return padding.outSize(in, kernel, stride);
  }

  @Override
  void column(FeatureMap in, int oy, int ox, float[] dst) {
    int y0 = oy * stride - padding.padBefore(in.height(), kernel, stride);
    int x0 = ox * stride - padding.padBefore(in.width(), kernel, stride);
    int run = kernel * inChannels;
    for (int ky = 0; ky < kernel; ky++) {
      System.arraycopy(in.data(), in.offset(y0 + ky, x0), dst, ky * run, run);
    }
  }

  /** Convolves the whole map into {@code out}'s interior, optionally applying ReLU. */
  public void apply(FeatureMap in, FeatureMap out, boolean relu, ConvWorkspace ws) {
    int oh = outSize(in.height());
    int ow = outSize(in.width());
    int channels = outChannels();
    if (out.height() != oh || out.width() != ow || out.channels() != channels) {
      throw new IllegalArgumentException("output map is " + out.height() + "x" + out.width() + "x"
          + out.channels() + ", expected " + oh + "x" + ow + "x" + channels);
    }
    float[] dst = out.data();
    run(in, ws, (oy, ox, acc) -> {
      int o = out.offset(oy, ox);
      if (relu) {
        for (int c = 0; c < channels; c++) {
          dst[o + c] = Math.max(acc[c], 0f);
        }
      } else {
        System.arraycopy(acc, 0, dst, o, channels);
      }
    });
  }

  @Override
  public void requireFits(FeatureMap in) {
    int need = Math.max(padding.padAfter(in.height(), kernel, stride), padding.padAfter(in.width(), kernel, stride));
    if (in.channels() != inChannels || in.border() < need) {
      throw new IllegalArgumentException("input map " + in.channels() + " channels, border " + in.border()
          + "; conv needs " + inChannels + " channels, border " + need);
    }
  }
}
