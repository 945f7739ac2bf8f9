package ai.fym.engine.nn;

/**
 * One thread's scratch for evaluating {@link ConvKernel}s: the gathered column, the output channels
 * of one pixel, and the transposed tiles of the tiled order. Sized once for a set of kernels so a
 * network runs without allocating; never share an instance between threads.
 */
public final class ConvWorkspace {
  /** Pixels per tile in the tiled order: long enough for vector loops, small enough for L1/L2. */
  public static final int TILE_PIXELS = 128;

  final float[] column;
  final float[] acc;
  final float[][] columnsT;
  final float[][] accT;

  private ConvWorkspace(int maxColumn, int maxChannels, int maxTiledColumn, int maxTiledChannels) {
    column = new float[maxColumn];
    acc = new float[maxChannels];
    columnsT = new float[maxTiledColumn][TILE_PIXELS];
    accT = new float[maxTiledChannels][TILE_PIXELS];
  }

  /** A workspace large enough for every kernel given. */
  public static ConvWorkspace forKernels(Iterable<? extends ConvKernel> kernels) {
    int maxColumn = 0;
    int maxChannels = 0;
    int maxTiledColumn = 0;
    int maxTiledChannels = 0;
    for (ConvKernel k : kernels) {
      maxColumn = Math.max(maxColumn, k.columnSize());
      maxChannels = Math.max(maxChannels, k.outChannels());
      if (k.prefersTiles()) {
        maxTiledColumn = Math.max(maxTiledColumn, k.columnSize());
        maxTiledChannels = Math.max(maxTiledChannels, k.outChannels());
      }
    }
    return new ConvWorkspace(maxColumn, maxChannels, maxTiledColumn, maxTiledChannels);
  }

  /** Fits {@code kernel}? */
  boolean fits(ConvKernel kernel) {
    return column.length >= kernel.columnSize() && acc.length >= kernel.outChannels()
        && (!kernel.prefersTiles() || (columnsT.length >= kernel.columnSize() && accT.length >= kernel.outChannels()));
  }
}
