package ai.fym.engine.splat;

import ai.djl.ndarray.NDArray;

/**
 * One rendered frame: the image and its coverage as plain arrays, and a way to push an image-space gradient back
 * into the autograd graph of the {@link ProjectedSplats} it was rendered from.
 */
public interface RenderPass {

  /** The image, {@code height * width * C} values, row-major, channels last (pixel (x, y) channel k at (y*W+x)*C+k). */
  float[] image();

  /** Coverage {@code 1 - final transmittance}, {@code height * width} values, row-major. */
  float[] alpha();

  /**
   * A scalar NDArray in the autograd graph of the splats' arrays whose gradient with respect to every upstream
   * parameter is that of a loss L with {@code dL/dImage = dImage} (layout of {@link #image()}):
   * {@code collector.backward(surrogate(dImage))} puts exactly dL/dparam on the parameters. Call it inside the
   * {@link ai.djl.training.GradientCollector} that recorded the splats' construction.
   */
  default NDArray surrogate(float[] dImage) {
    return surrogate(dImage, null);
  }

  /** As {@link #surrogate(float[])}, with {@code dAlpha} (layout of {@link #alpha()}, null for none) added. */
  NDArray surrogate(float[] dImage, float[] dAlpha);
}
