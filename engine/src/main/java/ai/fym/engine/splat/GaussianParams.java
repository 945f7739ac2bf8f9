package ai.fym.engine.splat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.fym.engine.errors.Errors;

/**
 * The learnable parameters of N 3D Gaussians, as DJL NDArrays (any of them may require gradient), in the
 * unconstrained form optimisers work on: {@code means (N,3)} world positions, {@code logScales (N,3)} log of the
 * standard deviations along the Gaussian's own axes, {@code rotations (N,4)} unnormalised quaternions (w, x, y, z),
 * {@code opacityLogits (N)} (opacity = sigmoid), {@code sh (N,4,3)} degree-1 spherical-harmonic colour coefficients
 * (DC then the three linear terms, RGB last).
 */
public record GaussianParams(NDArray means, NDArray logScales, NDArray rotations, NDArray opacityLogits,
    NDArray sh) {

  public GaussianParams {
    long n = means.getShape().get(0);
    check("means", means, new Shape(n, 3));
    check("logScales", logScales, new Shape(n, 3));
    check("rotations", rotations, new Shape(n, 4));
    check("opacityLogits", opacityLogits, new Shape(n));
    check("sh", sh, new Shape(n, 4, 3));
  }

  /** The number of Gaussians. */
  public int count() {
    return (int) means.getShape().get(0);
  }

  private static void check(String name, NDArray array, Shape expected) {
    if (!array.getShape().equals(expected)) {
      throw Errors.splatShape(name + " shape", expected, array.getShape());
    }
  }
}
