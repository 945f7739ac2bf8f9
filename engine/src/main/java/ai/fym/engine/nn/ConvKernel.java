package ai.fym.engine.nn;

import java.util.Arrays;

/**
 * A convolution written as "column times weight matrix": for each output pixel a subclass gathers a
 * column (the receptive field, or the depthwise result of a separable convolution) of
 * {@link #columnSize()} values, which multiplies a {@code columnSize x outChannels} matrix.
 *
 * <p>Two evaluation orders, both auto-vectorised by C2: {@link #pixel} (one pixel, output channels
 * innermost; best when there are many output channels) and {@link #tile} (a run of pixels, pixels
 * innermost; best when channels are few and rows of channels would be too short to vectorise).
 * Callers fuse their own epilogue (ReLU, residual sums). Immutable and thread-safe; callers pass
 * scratch arrays sized by {@link #columnSize()}, {@link #outChannels()} and the tile length.
 */
public abstract class ConvKernel {
  private final int columnSize;
  private final int outChannels;
  private final float[][] weightRows;
  private final float[] bias;

  ConvKernel(int columnSize, int outChannels, float[] weights, float[] bias) {
    if (weights.length != columnSize * outChannels || bias.length != outChannels) {
      throw new IllegalArgumentException("a " + columnSize + "x" + outChannels + " kernel needs "
          + columnSize * outChannels + " weights and " + outChannels + " biases, got " + weights.length
          + " and " + bias.length);
    }
    this.columnSize = columnSize;
    this.outChannels = outChannels;
    this.weightRows = new float[columnSize][];
    for (int j = 0; j < columnSize; j++) {
      weightRows[j] = Arrays.copyOfRange(weights, j * outChannels, (j + 1) * outChannels);
    }
    this.bias = bias.clone();
  }

  /** Output height (or width) for an input of that size. */
  public abstract int outSize(int in);

  /** Throws {@link IllegalArgumentException} when {@code in} has the wrong channels or too thin a border. */
  public abstract void requireFits(FeatureMap in);

  /** Writes the column of output pixel (oy, ox) into {@code dst[0..columnSize)}. */
  abstract void column(FeatureMap in, int oy, int ox, float[] dst);

  public final int columnSize() {
    return columnSize;
  }

  public final int outChannels() {
    return outChannels;
  }

  /** Writes bias plus the convolution at output pixel (oy, ox) into {@code acc[0..outChannels)}. */
  public final void pixel(FeatureMap in, int oy, int ox, float[] column, float[] acc) {
    column(in, oy, ox, column);
    System.arraycopy(bias, 0, acc, 0, outChannels);
    MatVec.accumulate(column, columnSize, weightRows, outChannels, acc);
  }

  /**
   * Evaluates {@code count} consecutive output pixels (row-major index {@code first..first+count}
   * in an output map {@code outWidth} wide) and writes bias plus convolution transposed: channel c
   * of the t-th pixel goes to {@code accT[c][t]}. {@code columnsT} is scratch of
   * {@code columnSize} rows; all rows at least {@code count} long.
   */
  public final void tile(FeatureMap in, int outWidth, int first, int count, float[] column, float[][] columnsT,
      float[][] accT) {
    for (int t = 0; t < count; t++) {
      int p = first + t;
      column(in, p / outWidth, p % outWidth, column);
      for (int j = 0; j < columnSize; j++) {
        columnsT[j][t] = column[j];
      }
    }
    for (int c = 0; c < outChannels; c++) {
      Arrays.fill(accT[c], 0, count, bias[c]);
    }
    MatVec.accumulateTransposed(columnsT, columnSize, weightRows, count, outChannels, accT);
  }
}
