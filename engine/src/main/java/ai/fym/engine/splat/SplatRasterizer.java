package ai.fym.engine.splat;

/**
 * Composites {@link ProjectedSplats} into an image, front to back in 16x16 tiles as in 3DGS, and gives the
 * gradient of any image loss back to the splats' arrays through {@link RenderPass#surrogate}. Two
 * implementations agree to ~1e-5: {@link TileRasterizer} (pure Java, multithreaded, the CPU path) and
 * {@link NdRasterizer} (DJL NDArray ops, the GPU path and the reference).
 */
public interface SplatRasterizer extends AutoCloseable {

  /**
   * Renders {@code splats} over a constant {@code background} (one value per feature channel). The pass may share
   * buffers with the rasterizer: use it (image, alpha, surrogate) before the next render on the same rasterizer.
   */
  RenderPass render(ProjectedSplats splats, float[] background);

  @Override
  void close();
}
