package ai.fym.engine.nn;

import java.util.Arrays;

/**
 * A convolution written as "column times weight matrix": for each output pixel a subclass gathers a
 * column (the receptive field, or the depthwise result of a separable convolution) of
 * {@link #columnSize()} values, which multiplies a {@code columnSize x outChannels} matrix.
 *
 * <p>Two evaluation orders, both auto-vectorised by C2: per pixel (output channels innermost; best
 * with many output channels) and tiled (a run of pixels, pixels innermost; best when channels are
 * few and a row of channels would be too short to vectorise). {@link #run} picks the order and
 * hands each pixel to the caller's epilogue (ReLU, residual sums). Immutable and thread-safe; the
 * per-thread scratch is a {@link ConvWorkspace}.
 */
public abstract class ConvKernel {
  private static final int PER_PIXEL_MIN_CHANNELS = 128;

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

  /**
   * True when the tiled order is the faster one: with fewer than 128 output channels the per-pixel
   * rows are too short for C2's unrolled vector loops.
   */
  public final boolean prefersTiles() {
    return outChannels < PER_PIXEL_MIN_CHANNELS;
  }

  /** Receives the {@link #outChannels()} values (bias included) of one output pixel. */
  @FunctionalInterface
  public interface PixelSink {
    /** {@code channels} is scratch, valid only during the call. */
    void accept(int oy, int ox, float[] channels);
  }

  /**
   * Evaluates the convolution at every output pixel of {@code in}, in the faster order for this
   * kernel, and hands each pixel to {@code sink} (which fuses ReLU, residual sums and the like).
   */
  public final void run(FeatureMap in, ConvWorkspace ws, PixelSink sink) {
    requireFits(in);
    if (!ws.fits(this)) {
      throw new IllegalArgumentException("workspace too small for a " + columnSize + "x" + outChannels + " kernel");
    }
    int height = outSize(in.height());
    int width = outSize(in.width());
    float[] acc = ws.acc;
    if (!prefersTiles()) {
      for (int oy = 0; oy < height; oy++) {
        for (int ox = 0; ox < width; ox++) {
          pixel(in, oy, ox, ws.column, acc);
          sink.accept(oy, ox, acc);
        }
      }
      return;
    }
    int total = height * width;
    float[][] accT = ws.accT;
    for (int first = 0; first < total; first += ConvWorkspace.TILE_PIXELS) {
      int count = Math.min(ConvWorkspace.TILE_PIXELS, total - first);
      tile(in, width, first, count, ws.column, ws.columnsT, accT);
      for (int t = 0; t < count; t++) {
        for (int c = 0; c < outChannels; c++) {
          acc[c] = accT[c][t];
        }
        sink.accept((first + t) / width, (first + t) % width, acc);
      }
    }
  }

  /** Writes bias plus the convolution at output pixel (oy, ox) into {@code acc[0..outChannels)}. */
  final void pixel(FeatureMap in, int oy, int ox, float[] column, float[] acc) {
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
  final void tile(FeatureMap in, int outWidth, int first, int count, float[] column, float[][] columnsT,
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
