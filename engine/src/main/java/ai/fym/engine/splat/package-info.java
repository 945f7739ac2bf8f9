/**
 * Differentiable 3D Gaussian Splatting: {@link ai.fym.engine.splat.Projection} turns 3D Gaussians into 2D
 * splats with DJL NDArray ops (autograd flows to every Gaussian parameter), and a
 * {@link ai.fym.engine.splat.SplatRasterizer} composites them front to back in 16x16 tiles, as in 3DGS: the pure
 * Java {@link ai.fym.engine.splat.TileRasterizer} (CPU path, analytic backward) or the NDArray
 * {@link ai.fym.engine.splat.NdRasterizer} (GPU path and reference).
 */
package ai.fym.engine.splat;
