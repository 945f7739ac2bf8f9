package ai.fym.engine.diffusion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * A network's parameters as named tensors laid out in one flat float array, so that the shared
 * {@link ai.fym.engine.optim.Adam} updates them in place and checkpoints are one array. {@link #bind} makes the
 * NDArrays of one forward pass (with gradients when training) and {@link #gradients} reads their gradients back
 * into a flat array of the same layout.
 */
final class ParamStore {
  private final Map<String, long[]> layout = new LinkedHashMap<>();
  private final Map<String, Integer> offsets = new LinkedHashMap<>();
  private float[] values = new float[0];

  /** Declares a tensor; He-style normal init with {@code std} (0 gives zeros). */
  void add(String name, Shape shape, double std, Random random) {
    if (layout.containsKey(name)) {
      throw new IllegalArgumentException("duplicate parameter " + name);
    }
    int size = Math.toIntExact(shape.size());
    int offset = values.length;
    float[] grown = new float[offset + size];
    System.arraycopy(values, 0, grown, 0, offset);
    for (int i = 0; i < size; i++) {
      grown[offset + i] = std == 0 ? 0f : (float) (random.nextGaussian() * std);
    }
    values = grown;
    layout.put(name, shape.getShape());
    offsets.put(name, offset);
  }

  /** Declares a tensor filled with {@code value}. */
  void fill(String name, Shape shape, float value) {
    add(name, shape, 0, null);
    int offset = offsets.get(name);
    for (int i = 0; i < shape.size(); i++) {
      values[offset + i] = value;
    }
  }

  boolean has(String name) {
    return layout.containsKey(name);
  }

  /** The flat parameter array (updated in place by the optimiser). */
  float[] values() {
    return values;
  }

  /** Replaces every value (same length), e.g. from a file. */
  void load(float[] stored) {
    if (stored.length != values.length) {
      throw new IllegalArgumentException("expected " + values.length + " parameters, got " + stored.length);
    }
    System.arraycopy(stored, 0, values, 0, stored.length);
  }

  /** Copies the values of every tensor whose name is also in {@code other} (ControlNet's copy of the encoder). */
  void copyShared(ParamStore other) {
    for (Map.Entry<String, Integer> e : offsets.entrySet()) {
      Integer from = other.offsets.get(e.getKey());
      if (from != null) {
        int size = (int) new Shape(layout.get(e.getKey())).size();
        System.arraycopy(other.values, from, values, e.getValue(), size);
      }
    }
  }

  /** The NDArrays of one pass; {@code train} attaches gradients. */
  Bound bind(NDManager manager, boolean train) {
    Map<String, NDArray> arrays = new LinkedHashMap<>();
    for (Map.Entry<String, long[]> e : layout.entrySet()) {
      int offset = offsets.get(e.getKey());
      Shape shape = new Shape(e.getValue());
      float[] slice = new float[(int) shape.size()];
      System.arraycopy(values, offset, slice, 0, slice.length);
      NDArray a = manager.create(slice, shape);
      if (train) {
        a.setRequiresGradient(true);
      }
      arrays.put(e.getKey(), a);
    }
    return new Bound(arrays);
  }

  /** The gradients of {@code bound}'s arrays, in this store's flat layout, added into {@code into}. */
  void gradients(Bound bound, float[] into) {
    for (Map.Entry<String, NDArray> e : bound.arrays.entrySet()) {
      float[] g = e.getValue().getGradient().toFloatArray();
      int offset = offsets.get(e.getKey());
      for (int i = 0; i < g.length; i++) {
        into[offset + i] += g[i];
      }
    }
  }

  /** One pass's parameter arrays by name. */
  static final class Bound {
    private final Map<String, NDArray> arrays;

    private Bound(Map<String, NDArray> arrays) {
      this.arrays = arrays;
    }

    NDArray get(String name) {
      NDArray a = arrays.get(name);
      if (a == null) {
        throw new IllegalArgumentException("no parameter " + name);
      }
      return a;
    }

    boolean has(String name) {
      return arrays.containsKey(name);
    }
  }
}
