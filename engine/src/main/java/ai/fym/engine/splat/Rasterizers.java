package ai.fym.engine.splat;

import ai.djl.Device;

/**
 * The rasterizer for a device: the Java tile kernel on CPU, the NDArray one (which runs where its splats' arrays
 * live) on a GPU. The one place this choice is made, so CPU and GPU executors run the same training code.
 */
public final class Rasterizers {
  private Rasterizers() {}

  /** A rasterizer for {@code device}, with {@code threads} CPU threads when it is the Java kernel. */
  public static SplatRasterizer forDevice(Device device, int threads) {
    return device.isGpu() ? new NdRasterizer() : new TileRasterizer(threads);
  }
}
