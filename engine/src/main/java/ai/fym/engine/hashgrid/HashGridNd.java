package ai.fym.engine.hashgrid;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Arrays;

/**
 * The hash encoding written with DJL NDArrays, so it runs on any DJL device (a GPU on a cluster) and its backward
 * pass comes from DJL autograd: corner indices and trilinear weights are NDArrays, {@code table.get(index)}
 * gathers the features (and scatter-adds their gradients), and the gradient of sum(features * dOut) is read
 * back from the table.
 *
 * <p>DJL has no bitwise XOR on integers, so the spatial hash is computed exactly in float64: each prime product
 * is reduced mod T (T divides 2^32, so this equals instant-ngp's uint32 product mod T), and the XOR of the three
 * residues is rebuilt bit by bit as (sum of bit k) mod 2. This needs n * 8 * log2T doubles per level (freed level
 * by level), so callers should pass batches of at most a few hundred thousand points.
 */
public final class HashGridNd implements HashEncoding {

  private static final float[] CORNER_OFFSETS = {
    0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 1, 0, 0, 0, 1, 1, 0, 1, 0, 1, 1, 1, 1, 1
  };

  private final HashGridConfig config;
  private final NDManager manager;
  private final NDArray table;
  private final NDArray cornerOffsets;
  private final NDArray cornerComplements;
  private final NDArray powersOfTwo;

  /** A grid holding a copy of {@code params} (the {@link HashGridCpu} layout) on {@code device}. */
  public HashGridNd(HashGridConfig config, float[] params, Device device) {
    if (params.length != config.paramCount()) {
      throw new IllegalArgumentException("expected " + config.paramCount() + " params, got " + params.length);
    }
    this.config = config;
    this.manager = NDManager.newBaseManager(device);
    int f = config.featuresPerLevel();
    this.table = manager.create(params, new Shape(params.length / f, f));
    this.cornerOffsets = manager.create(CORNER_OFFSETS, new Shape(8, 3));
    this.cornerComplements = cornerOffsets.neg().add(1f);
    double[] powers = new double[config.log2TableSize()];
    for (int k = 0; k < powers.length; k++) {
      powers[k] = Math.scalb(1.0, k);
    }
    this.powersOfTwo = manager.create(powers);
  }

  @Override
  public HashGridConfig config() {
    return config;
  }

  @Override
  public float[] params() {
    return table.toFloatArray();
  }

  @Override
  public void setParams(float[] params) {
    table.set(params);
  }

  @Override
  public float[] forward(float[] xyt, int n) {
    try (NDManager scope = manager.newSubManager()) {
      return encode(scope, xyt, n).toFloatArray();
    }
  }

  @Override
  public float[] backward(float[] xyt, int n, float[] dOut) {
    table.setRequiresGradient(true);
    try (NDManager scope = manager.newSubManager();
        GradientCollector gc = manager.getEngine().newGradientCollector()) {
      NDArray out = encode(scope, xyt, n);
      NDArray weights = scope.create(Arrays.copyOf(dOut, (int) out.size()), out.getShape());
      gc.backward(out.mul(weights).sum());
      NDArray grad = table.getGradient();
      grad.attach(scope);
      float[] result = grad.toFloatArray();
      grad.subi(grad);
      return result;
    } finally {
      table.setRequiresGradient(false);
    }
  }

  /** The n x (L*F) features, every intermediate attached to {@code scope}. */
  private NDArray encode(NDManager scope, float[] xyt, int n) {
    NDArray points = scope.create(Arrays.copyOf(xyt, 3 * n), new Shape(n, 3));
    NDList levels = new NDList();
    int offset = 0;
    int f = config.featuresPerLevel();
    for (int l = 0; l < config.levels(); l++) {
      // One level's intermediates (the float64 hash bits are n * 8 * log2T values) are freed before the next.
      try (NDManager level = scope.newSubManager()) {
        points.tempAttach(level);
        int res = config.resolution(l);
        NDArray pos = points.mul((float) res);
        NDArray base = pos.floor().clip(0, res - 1);
        NDArray frac = pos.sub(base).expandDims(1);
        NDArray corner = base.expandDims(1).add(cornerOffsets);
        NDArray w = frac.mul(cornerOffsets).add(frac.neg().add(1f).mul(cornerComplements)).prod(new int[] {2});
        NDArray index = levelIndex(l, corner.toType(DataType.FLOAT64, false)).add(offset)
            .toType(DataType.INT64, false).reshape(-1);
        NDArray gathered = table.get(index);
        gathered.attach(level);
        NDArray features = gathered.reshape(n, 8, f).mul(w.expandDims(2)).sum(new int[] {1});
        features.attach(scope);
        levels.add(features);
      }
      offset += config.levelEntries(l);
    }
    return NDArrays.concat(levels, 1);
  }

  /** Local table entry of each corner (n x 8), as exact float64 integers. */
  private NDArray levelIndex(int l, NDArray corner) {
    NDArray x = corner.get(":, :, 0");
    NDArray y = corner.get(":, :, 1");
    NDArray t = corner.get(":, :, 2");
    double tableSize = config.tableSize();
    if (config.isDirect(l)) {
      double side = config.resolution(l) + 1.0;
      return x.add(y.mul(side)).add(t.mul(side * side));
    }
    NDArray a = x.mod(tableSize);
    NDArray b = y.mul((double) (LevelKernel.PRIME_Y & 0xFFFFFFFFL)).mod(tableSize);
    NDArray c = t.mul((double) LevelKernel.PRIME_T).mod(tableSize);
    NDArray bitSum = bits(a).add(bits(b)).add(bits(c));
    return bitSum.mod(2.0).mul(powersOfTwo).sum(new int[] {2});
  }

  /** floor(v / 2^k) for every k below log2T, as a trailing axis; its parity is bit k of v. */
  private NDArray bits(NDArray v) {
    return v.expandDims(2).div(powersOfTwo).floor();
  }

  @Override
  public void close() {
    manager.close();
  }
}
