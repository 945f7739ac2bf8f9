package ai.fym.jobs.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.fym.engine.splat.Camera;
import ai.fym.engine.splat.NdRasterizer;
import ai.fym.engine.splat.ProjectedSplats;
import ai.fym.engine.splat.Projection;
import ai.fym.engine.splat.RasterBenchmark;
import ai.fym.engine.splat.RasterBenchmark.Timing;
import ai.fym.engine.splat.TileRasterizer;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code bin/fym bench raster}: milliseconds per frame of the 3DGS tile rasterizer on face-like scenes (256x256
 * with 10k and 50k Gaussians, 128x128 with 5k), forward and forward+backward, the Java kernel on 2 threads beside
 * the DJL NDArray rasterizer on the same scenes in the same run, each a median after warm-up frames; and the CPU
 * time of the Java kernel's forward+backward on one thread, a figure that other load on the machine barely moves.
 */
public final class RasterBench {
  private static final int THREADS = 2;
  private static final long SEED = 5;
  /** An image size, a Gaussian count, and the forward+backward target in ms (0 = none). */
  private record Case(int size, int gaussians, double targetMs) {}

  private static final List<Case> CASES = List.of(new Case(256, 10_000, 30), new Case(256, 50_000, 0),
      new Case(128, 5_000, 10));
  private final PrintStream out;

  public RasterBench(PrintStream out) {
    this.out = out;
  }

  public List<Figure> run() {
    List<Figure> figures = new ArrayList<>();
    try (NDManager m = NDManager.newBaseManager(Device.cpu()); TileRasterizer kernel = new TileRasterizer(THREADS);
        TileRasterizer oneThread = new TileRasterizer(1); NdRasterizer nd = new NdRasterizer()) {
      for (Case c : CASES) {
        int size = c.size();
        int gaussians = c.gaussians();
        try (NDManager scene = m.newSubManager()) {
          Camera camera = Camera.frontal(size, size, 1.2f * size, 3);
          ProjectedSplats splats = Projection.project(RasterBenchmark.faceLikeScene(scene, gaussians, camera, SEED),
              camera);
          Timing java = RasterBenchmark.measure(kernel, splats, 10, 30, SEED);
          Timing single = RasterBenchmark.measure(oneThread, splats, 5, 15, SEED);
          boolean large = gaussians > 20_000;
          Timing reference = RasterBenchmark.measure(nd, splats, large ? 0 : 1, large ? 1 : 3, SEED);
          String label = size + "x" + size + ", " + gaussians / 1000 + "k: ";
          add(figures, new Figure(label + "Java kernel (2 threads) forward", java.forwardMs(), "ms", 0, true));
          add(figures, new Figure(label + "Java kernel (2 threads) forward+backward", java.forwardBackwardMs(), "ms",
              c.targetMs(), true));
          add(figures, new Figure(label + "Java kernel (1 thread) forward+backward, CPU time",
              single.forwardBackwardCpuMs(), "ms", 0, true));
          add(figures, new Figure(label + "NdRasterizer forward", reference.forwardMs(), "ms", 0, true));
          add(figures, new Figure(label + "NdRasterizer forward+backward", reference.forwardBackwardMs(), "ms", 0,
              true));
          add(figures, new Figure(label + "NdRasterizer / Java kernel, forward+backward",
              reference.forwardBackwardMs() / java.forwardBackwardMs(), "x", 0, false));
        }
      }
    }
    return figures;
  }

  private void add(List<Figure> figures, Figure f) {
    figures.add(f);
    out.println(f.line());
  }
}
