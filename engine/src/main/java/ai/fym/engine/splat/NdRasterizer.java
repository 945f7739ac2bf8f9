package ai.fym.engine.splat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.fym.engine.errors.Errors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The tile rasterizer in DJL NDArray ops, differentiated by DJL autograd: the GPU path, and the reference the Java
 * kernel is tested against. It shares the Java kernel's binning ({@link TileBins}), then per tile gathers the
 * tile's splats in depth order and builds the pixels x splats alpha matrix; the 3DGS rules become masks (exponent
 * positive or under the 1/255 bound, alpha under 1/255, and termination where the running product of
 * {@code 1 - alpha} would fall under 1e-4), and transmittance is the exclusive cumulative product of
 * {@code 1 - alpha}. Tiles are processed in batches of similar list length (padded with a transparent splat) so
 * that a batch is a handful of large ops. Every intermediate lives in the manager of the splats' means.
 */
public final class NdRasterizer implements SplatRasterizer {
  /**
   * Pixels x splats entries per batch of tiles (64 MB per float32 intermediate): few large ops run faster than
   * many small ones (on the CPU, one run each: 2^18 was 4x and 2^22 1.4x slower), at the price of transient memory.
   */
  private static final long BATCH_ENTRIES = 1L << 24;
  private static final int PIXELS = TileBins.TILE * TileBins.TILE;
  private final TileBins bins = new TileBins();

  @Override
  public RenderPass render(ProjectedSplats splats, float[] background) {
    if (background.length != splats.channels()) {
      throw Errors.splatShape("background length", splats.channels(), background.length);
    }
    SplatArrays values = SplatArrays.of(splats);
    bins.build(values, splats.width(), splats.height());
    NDManager m = splats.means2d().getManager();
    int n = values.count();
    int channels = values.channels();
    float[] bounds = Arrays.copyOf(bins.minPower(), n + 1);
    bounds[n] = 0;
    Tables tables = new Tables(splats.means2d().concat(m.zeros(new Shape(1, 2)), 0),
        splats.conics().concat(m.create(new float[] {1, 0, 1}, new Shape(1, 3)), 0),
        splats.opacities().concat(m.zeros(new Shape(1)), 0),
        splats.features().concat(m.zeros(new Shape(1, channels)), 0), m.create(bounds), m.create(background), n);

    int tiles = bins.tileCount();
    int[] order = IntStream.range(0, tiles).boxed()
        .sorted(Comparator.comparingInt(this::length)).mapToInt(Integer::intValue).toArray();
    List<NDArray> colours = new ArrayList<>();
    List<NDArray> transmittances = new ArrayList<>();
    for (int from = 0; from < tiles; ) {
      int to = from + 1;
      while (to < tiles && (long) (to + 1 - from) * PIXELS * length(order[to]) <= BATCH_ENTRIES) {
        to++;
      }
      NDArray[] batch = composite(tables, Arrays.copyOfRange(order, from, to), m);
      colours.add(batch[0]);
      transmittances.add(batch[1]);
      from = to;
    }
    int[] inverse = new int[tiles];
    for (int i = 0; i < tiles; i++) {
      inverse[order[i]] = i;
    }
    NDArray tileOrder = m.create(Arrays.stream(inverse).asLongStream().toArray());
    NDArray image = untile(concat(colours).get(tileOrder), splats, channels);
    NDArray coverage = untile(concat(transmittances).get(tileOrder), splats, 1)
        .neg().add(1f).reshape(splats.height(), splats.width());
    return new Pass(image, coverage);
  }

  /** The splats' arrays with a transparent splat appended at index {@code n}, the pad of every tile's list. */
  private record Tables(NDArray means, NDArray conics, NDArray opacities, NDArray features, NDArray minPower,
      NDArray background, int n) {}

  /** Composites a batch of tiles: their colours (tiles, 256, C) and final transmittances (tiles, 256). */
  private NDArray[] composite(Tables t, int[] batch, NDManager m) {
    int tiles = batch.length;
    int k = Math.max(1, length(batch[tiles - 1]));
    NDArray index = m.create(splatIndex(batch, k, t.n()));
    NDArray[] pixel = pixelCentres(m, batch);
    NDArray mean = t.means().get(index).reshape(tiles, 1, k, 2);
    NDArray conic = t.conics().get(index).reshape(tiles, 1, k, 3);
    NDArray dx = mean.get(":, :, :, 0").sub(pixel[0]);
    NDArray dy = mean.get(":, :, :, 1").sub(pixel[1]);
    NDArray power = conic.get(":, :, :, 0").mul(dx.square()).add(conic.get(":, :, :, 2").mul(dy.square()))
        .mul(-0.5f).sub(conic.get(":, :, :, 1").mul(dx).mul(dy));
    NDArray opacity = t.opacities().get(index).reshape(tiles, 1, k);
    NDArray alpha = opacity.mul(power.exp()).minimum((float) TileKernel.MAX_ALPHA);
    NDArray drawn = power.lte(0f).logicalAnd(power.gte(t.minPower().get(index).reshape(tiles, 1, k)))
        .logicalAnd(alpha.gte(TileBins.MIN_ALPHA));
    alpha = alpha.mul(drawn.toType(DataType.FLOAT32, false));
    NDArray alive = alpha.neg().add(1f).cumProd(2).gte((float) TileKernel.MIN_TRANSMITTANCE);
    alpha = alpha.mul(alive.toType(DataType.FLOAT32, false));
    NDArray through = alpha.neg().add(1f).cumProd(2);
    NDArray before = m.ones(new Shape(tiles, PIXELS, 1)).concat(through.get(":, :, :-1"), 2);
    NDArray last = through.get(":, :, -1");
    NDArray features = t.features().get(index).reshape(tiles, k, t.features().getShape().get(1));
    NDArray colour = alpha.mul(before).matMul(features).add(last.expandDims(2).mul(t.background()));
    return new NDArray[] {colour, last};
  }

  private int length(int tile) {
    return bins.end(tile) - bins.start(tile);
  }

  /** The batch's splat indices, {@code k} per tile, padded with the transparent splat {@code n}. */
  private long[] splatIndex(int[] batch, int k, int n) {
    long[] index = new long[batch.length * k];
    Arrays.fill(index, n);
    for (int t = 0; t < batch.length; t++) {
      for (int j = bins.start(batch[t]); j < bins.end(batch[t]); j++) {
        index[t * k + j - bins.start(batch[t])] = bins.pairs()[j];
      }
    }
    return index;
  }

  /** x and y of the pixel centres of the batch's tiles, each (tiles, 256, 1). */
  private NDArray[] pixelCentres(NDManager m, int[] batch) {
    float[] x = new float[batch.length * PIXELS];
    float[] y = new float[batch.length * PIXELS];
    for (int t = 0; t < batch.length; t++) {
      int x0 = batch[t] % bins.tilesX() * TileBins.TILE;
      int y0 = batch[t] / bins.tilesX() * TileBins.TILE;
      for (int p = 0; p < PIXELS; p++) {
        x[t * PIXELS + p] = x0 + p % TileBins.TILE + 0.5f;
        y[t * PIXELS + p] = y0 + p / TileBins.TILE + 0.5f;
      }
    }
    Shape shape = new Shape(batch.length, PIXELS, 1);
    return new NDArray[] {m.create(x, shape), m.create(y, shape)};
  }

  /** Concatenation along axis 0 that stays in the autograd graph (DJL's copies a single array out of it). */
  private static NDArray concat(List<NDArray> parts) {
    return parts.size() == 1 ? parts.get(0) : NDArrays.concat(new NDList(parts), 0);
  }

  /** Tiles (tiles, 256, C) in row-major tile order to the (height, width, C) image. */
  private NDArray untile(NDArray tiles, ProjectedSplats splats, int channels) {
    int size = TileBins.TILE;
    return tiles.reshape(bins.tilesY(), bins.tilesX(), size, size, channels).transpose(0, 2, 1, 3, 4)
        .reshape(bins.tilesY() * size, bins.tilesX() * size, channels)
        .get(":" + splats.height() + ", :" + splats.width());
  }

  @Override
  public void close() {}

  /** A frame as NDArrays in the autograd graph; the surrogate is {@code sum(image * dImage + alpha * dAlpha)}. */
  private record Pass(NDArray imageArray, NDArray alphaArray) implements RenderPass {
    @Override
    public float[] image() {
      return imageArray.toFloatArray();
    }

    @Override
    public float[] alpha() {
      return alphaArray.toFloatArray();
    }

    @Override
    public NDArray surrogate(float[] dImage, float[] dAlpha) {
      NDManager m = imageArray.getManager();
      NDArray loss = imageArray.mul(m.create(dImage, imageArray.getShape())).sum();
      return dAlpha == null ? loss : loss.add(alphaArray.mul(m.create(dAlpha, alphaArray.getShape())).sum());
    }
  }
}
