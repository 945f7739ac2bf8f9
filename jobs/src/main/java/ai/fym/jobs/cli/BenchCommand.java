package ai.fym.jobs.cli;

import ai.fym.engine.config.FymConfig;
import ai.fym.jobs.bench.AvatarBench;
import ai.fym.jobs.bench.CorrectionBench;
import ai.fym.jobs.bench.BenchmarkReport;
import ai.fym.jobs.bench.EvaluateBenchmark;
import ai.fym.jobs.bench.Figure;
import ai.fym.jobs.bench.HashGridBench;
import ai.fym.jobs.bench.IngestBenchmark;
import ai.fym.jobs.bench.RasterBench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** {@code bin/fym bench NAME}: prints a capability's figures and records them in docs/BENCHMARKS.md. */
final class BenchCommand implements Command {
  @Override
  public String name() {
    return "bench";
  }

  @Override
  public String summary() {
    return "benchmark a capability (ingest, evaluate, hashgrid, raster, avatar, correct) and record it in docs/BENCHMARKS.md";
  }

  @Override
  public List<String> options() {
    return List.of("samples", "report", "frames");
  }

  @Override
  public String help() {
    return """
        usage: bin/fym [global options] bench ingest|evaluate|hashgrid|raster|avatar|correct [--samples FOLDER] [--report FILE]
                                                                        [--frames N]

        ingest: on the sample clip, measures decoding, face detection (BlazeFace alone and with the Haar
        fallback), landmarks on one core, face embedding, the engine's whole clip ingest and the whole Spark
        ingest command into a fresh scratch output root, and peak memory; prints each figure with its target
        ratio and rewrites its section of the report (default docs/BENCHMARKS.md).
        evaluate: ms/frame of each built-in editor and reference corrector, the short warp error each
        corrector reaches on the first lit shot beside the raw per-frame edit's, and metric throughput.
        hashgrid: points/s of the multi-resolution hash encoding (L=16, F=2, log2T=19), forward and
        forward+backward, Java kernel on 1 thread and all cores beside the DJL NDArray version; then, under the
        fym.trajectory.* settings, the trajectory field's cost on the sample clip's first lit shot (frames and flows,
        training, ms/step) and its end-point error on a generated video with known non-rigid motion beside
        chained and direct DIS flow.
        raster: ms per frame of the 3DGS tile rasterizer on generated face-like scenes (256x256 with 10k and 50k
        Gaussians, 128x128 with 5k), forward and forward+backward, the Java kernel on 2 threads (and its CPU time
        on one, which other load hardly moves) beside the DJL NDArray rasterizer; needs no samples.
        avatar: ingests the sample clip into a scratch root, trains its main identity's avatar under the
        fym.avatar.* settings, and reports the training time, time per step, the held-out PSNR every 250 steps,
        the time to reach 28 dB and the final held-out PSNR/SSIM.
        correct: the consistency correction's acceptance run on the sample clip in a scratch root: ingest, the
        built-in edits and an external one (a Java2D-made frame folder, parameters varying per frame), trajectory
        fields, base denoisers, then every reference method, fym and its three ablations (hash=0, reweight=0,
        control=0) evaluated; prints each method's metrics and combined score per edit (docs/CORRECTION.md)
        beside the best reference's, the denoiser's training seconds and the correction's seconds per frame.
        --frames N runs it on the clip's first N frames only (written as a PNG frame folder: no re-encoding).
        """;
  }

  @Override
  public int run(Context ctx, Args args) throws Exception {
    if (args.positional().size() != 1
        || !List.of("ingest", "evaluate", "hashgrid", "raster", "avatar", "correct")
        .contains(args.positional().get(0))) {
      throw new IllegalArgumentException("name one benchmark: ingest, evaluate, hashgrid, raster, avatar or correct");
    }
    String name = args.positional().get(0);
    Path clip = Path.of(args.get("samples", ctx.config().get(FymConfig.CACHE) + "/samples"), "Megamind.avi");
    Path portrait = clip.resolveSibling("grace_hopper_512x512.jpg");
    List<Path> samples = switch (name) {
      case "hashgrid" -> List.of(clip, portrait);
      case "raster" -> List.of();
      default -> List.of(clip);
    };
    for (Path sample : samples) {
      if (!Files.isRegularFile(sample)) {
        throw new IllegalArgumentException(sample + " is missing: run bin/fetch-samples first");
      }
    }
    Path scratch = Files.createTempDirectory("fym-bench-");
    try {
      ctx.out().println("[bench " + name + "]" + (samples.isEmpty() ? "" : " " + clip));
      List<Figure> figures = switch (name) {
        case "ingest" -> new IngestBenchmark(ctx.config(), ctx.out()).run(clip, ctx.spark(), scratch);
        case "evaluate" -> new EvaluateBenchmark(ctx.out()).run(clip);
        case "raster" -> new RasterBench(ctx.out()).run();
        case "avatar" -> new AvatarBench(ctx.config(), ctx.out()).run(clip, ctx.spark(), scratch);
        case "correct" -> new CorrectionBench(ctx.config(), ctx.out())
            .run(clip, Integer.parseInt(args.get("frames", "0")), ctx.spark(), scratch);
        default -> new HashGridBench(ctx.out(), ctx.config().trajectorySettings()).run(clip, portrait);
      };
      Path report = Path.of(args.get("report", "docs/BENCHMARKS.md"));
      String frames = args.get("frames", null);
      BenchmarkReport.write(report, name, "bin/fym bench " + name + (frames == null ? "" : " --frames " + frames),
          figures);
      ctx.out().println("[bench " + name + "] figures written to " + report.toAbsolutePath());
    } finally {
      try (Stream<Path> files = Files.walk(scratch)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    return 0;
  }
}
