package ai.fym.engine.nn;

/**
 * TensorFlow's two padding rules for convolutions and pools: VALID uses only windows inside the
 * input; SAME gives {@code ceil(in / stride)} outputs and splits the padding with the smaller half
 * before (so a stride-2 3x3 convolution of an even-sized input pads only after).
 */
public enum Padding {
  SAME,
  VALID;

  /** Output size along one axis. */
  public int outSize(int in, int kernel, int stride) {
    return this == SAME ? (in + stride - 1) / stride : (in - kernel) / stride + 1;
  }

  /** Zero rows (or columns) added before the input along one axis. */
  public int padBefore(int in, int kernel, int stride) {
    return padTotal(in, kernel, stride) / 2;
  }

  /** Zero rows (or columns) added after the input along one axis. */
  public int padAfter(int in, int kernel, int stride) {
    int total = padTotal(in, kernel, stride);
    return total - total / 2;
  }

  private int padTotal(int in, int kernel, int stride) {
    return this == SAME ? Math.max((outSize(in, kernel, stride) - 1) * stride + kernel - in, 0) : 0;
  }
}
