package ai.fym.engine.splat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.fym.engine.errors.Errors;

/**
 * N Gaussians projected into a {@code width x height} image, ready to rasterise: {@code means2d (N,2)} in pixels
 * (x right, y down, pixel centres at +0.5, see {@link Camera}), {@code conics (N,3)} the inverse 2D covariance
 * (a, b, c) with Gaussian exponent {@code -0.5 (a dx^2 + c dy^2) - b dx dy}, {@code opacities (N)} in [0, 1],
 * {@code features (N,C)} what is composited (RGB colour, or anything else with any channel count),
 * {@code depths (N)} camera z, which orders the splats front to back. {@code radii} are 3-sigma radii in pixels,
 * 0 for culled splats (behind the near plane or off-screen), which are never drawn and get no gradient. The
 * NDArrays stay in the autograd graph of whatever made them; radii are plain numbers.
 */
public record ProjectedSplats(NDArray means2d, NDArray conics, NDArray opacities, NDArray features, NDArray depths,
    float[] radii, int width, int height) {

  public ProjectedSplats {
    long n = radii.length;
    check("means2d", means2d, new Shape(n, 2));
    check("conics", conics, new Shape(n, 3));
    check("opacities", opacities, new Shape(n));
    check("depths", depths, new Shape(n));
    if (features.getShape().dimension() != 2 || features.getShape().get(0) != n) {
      throw Errors.splatShape("features shape", "(" + n + ", C)", features.getShape());
    }
  }

  /** The number of splats. */
  public int count() {
    return radii.length;
  }

  /** The number of feature channels C. */
  public int channels() {
    return (int) features.getShape().get(1);
  }

  /** The same splats compositing other features {@code (N, C')}, e.g. their 2D positions for correspondence maps. */
  public ProjectedSplats withFeatures(NDArray newFeatures) {
    return new ProjectedSplats(means2d, conics, opacities, newFeatures, depths, radii, width, height);
  }

  private static void check(String name, NDArray array, Shape expected) {
    if (!array.getShape().equals(expected)) {
      throw Errors.splatShape(name + " shape", expected, array.getShape());
    }
  }
}
