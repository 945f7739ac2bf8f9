package ai.fym.engine.hashgrid;

/**
 * A multi-resolution hash encoding of points (x, y, t) in [0,1]^3 into L*F features, with its gradient with
 * respect to the level tables. Implementations differ in where they run (a hand-written CPU kernel, DJL NDArrays
 * on any device) but share the parameter layout, so one can check the other.
 *
 * <p>Layouts: points are flat {@code [x0, y0, t0, x1, ...]}; features are point-major, then level, then feature
 * ({@code out[p*L*F + l*F + f]}); parameters are level tables one after another, each entry-major
 * ({@code params[offset_l + entry*F + f]}).
 */
public interface HashEncoding extends AutoCloseable {

  /** The configuration this encoding was built for. */
  HashGridConfig config();

  /** Features per point, L * F. */
  default int outputSize() {
    return config().outputSize();
  }

  /** A copy of all level tables, flat, in the layout described above. */
  float[] params();

  /** Encodes {@code n} points; returns n * L * F features. */
  float[] forward(float[] xyt, int n);

  /** Gradient of sum(forward(xyt) * dOut) with respect to {@link #params()}, same layout. */
  float[] backward(float[] xyt, int n, float[] dOut);

  /**
   * Adds the gradient of sum(forward(xyt) * dOut) into {@code grad} (same layout as {@link #params()}): the
   * training loop's form, with one reused buffer instead of a fresh table-sized array per step.
   */
  default void accumulateGradient(float[] xyt, int n, float[] dOut, float[] grad) {
    float[] g = backward(xyt, n, dOut);
    for (int i = 0; i < g.length; i++) {
      grad[i] += g[i];
    }
  }

  /** Replaces the level tables with {@code params} (same layout), e.g. after an optimiser step. */
  void setParams(float[] params);

  /** Releases threads or native memory. */
  @Override
  void close();
}
