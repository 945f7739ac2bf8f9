package ai.fym.jobs.bench;

import ai.djl.Device;
import ai.fym.engine.hashgrid.HashGridBenchmark;
import ai.fym.engine.hashgrid.HashGridConfig;
import ai.fym.engine.hashgrid.HashGridCpu;
import ai.fym.engine.hashgrid.HashGridNd;
import ai.fym.engine.trajectory.TrajectorySettings;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code bin/fym bench hashgrid}: throughput of the multi-resolution hash encoding at the CoDeF
 * configuration (L=16, F=2, log2T=19): the Java kernel on one thread and on every core, forward and
 * forward+backward, beside the DJL NDArray version of the same encoding measured in the same run; then the
 * trajectory field built on it ({@link TrajectoryBench}): training cost per shot and accuracy against ground truth.
 */
public final class HashGridBench {
  private static final int POINTS = 1 << 17;
  private final PrintStream out;
  private final TrajectorySettings trajectory;

  public HashGridBench(PrintStream out, TrajectorySettings trajectory) {
    this.out = out;
    this.trajectory = trajectory;
  }

  /** The encoding's figures, then the trajectory field's on a shot of {@code clip} and a {@code texture} video. */
  public List<Figure> run(Path clip, Path texture) throws Exception {
    HashGridConfig config = HashGridConfig.codef();
    float[] params = HashGridCpu.randomParams(config, 7);
    int cores = Runtime.getRuntime().availableProcessors();
    HashGridBenchmark.Throughput nd;
    try (HashGridNd reference = new HashGridNd(config, params, Device.cpu())) {
      nd = HashGridBenchmark.measure(reference, POINTS, 1, 2, 11);
    }
    List<Figure> figures = new ArrayList<>();
    add(figures, new Figure("NDArray (DJL, CPU) forward", nd.forwardPointsPerSecond() / 1e6, "M points/s", 0, false));
    add(figures, new Figure("NDArray (DJL, CPU) forward+backward", nd.forwardBackwardPointsPerSecond() / 1e6,
        "M points/s", 0, false));
    for (int threads : new int[] {1, cores}) {
      HashGridBenchmark.Throughput t;
      try (HashGridCpu kernel = new HashGridCpu(config, params, threads)) {
        t = HashGridBenchmark.measure(kernel, POINTS, 2, 5, 11);
      }
      String label = "Java kernel, " + threads + " thread" + (threads == 1 ? "" : "s");
      add(figures, new Figure(label + " forward", t.forwardPointsPerSecond() / 1e6, "M points/s",
          threads == cores ? 4 : 0, false));
      add(figures, new Figure(label + " forward+backward", t.forwardBackwardPointsPerSecond() / 1e6, "M points/s",
          threads == cores ? 1.5 : 0, false));
      if (threads == cores) {
        add(figures, new Figure("  kernel / NDArray, forward", t.forwardPointsPerSecond() / nd.forwardPointsPerSecond(),
            "x", 10, false));
        add(figures, new Figure("  kernel / NDArray, forward+backward",
            t.forwardBackwardPointsPerSecond() / nd.forwardBackwardPointsPerSecond(), "x", 10, false));
      }
    }
    figures.addAll(new TrajectoryBench(out, trajectory).run(clip, texture));
    return figures;
  }

  private void add(List<Figure> figures, Figure f) {
    figures.add(f);
    out.println(f.line());
  }
}
