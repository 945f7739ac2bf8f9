package ai.fym.engine.nn;

/**
 * A convolution evaluated one output pixel at a time, so networks can fuse their own epilogue
 * (residual sums, ReLU, writing into the next layer's padded map) without extra passes.
 */
public interface PixelKernel {
  /** Output height (or width) for an input of that size. */
  int outSize(int in);

  int outChannels();

  /** Minimum length of the scratch array {@link #pixel} needs. */
  int scratchSize();

  /** Writes bias plus the convolution at output pixel (oy, ox) into {@code acc[0..outChannels)}. */
  void pixel(FeatureMap in, int oy, int ox, float[] scratch, float[] acc);

  /** Throws {@link IllegalArgumentException} when {@code in} has the wrong channels or too thin a border. */
  void requireFits(FeatureMap in);
}
