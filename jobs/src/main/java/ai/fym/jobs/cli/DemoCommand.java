package ai.fym.jobs.cli;

import ai.fym.engine.config.FymConfig;
import ai.fym.jobs.ingest.IngestJob;
import ai.fym.jobs.ingest.IngestSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * {@code bin/fym demo}: runs every stage that exists on the real sample clip (Megamind.avi from
 * Debian's opencv-doc, fetched into the cache by {@code bin/fetch-samples}) and says where the
 * results are.
 */
final class DemoCommand implements Command {
  @Override
  public String name() {
    return "demo";
  }

  @Override
  public String summary() {
    return "run every stage on the sample clip (fetched into the cache on first use)";
  }

  @Override
  public List<String> options() {
    return List.of("samples");
  }

  @Override
  public String help() {
    return """
        usage: bin/fym [global options] demo [--samples FOLDER]

        Builds a one-clip corpus (identity "megamind") from the sample clip Megamind.avi, which bin/fym
        fetches from Debian's opencv-doc package into ~/.cache/fym/samples on first use, then runs every
        stage available: ingest (shots, face tracks, landmarks, crops). Prints where the tables are and
        what they hold. Rerunning it is cheap: unchanged clips are skipped.
        """;
  }

  @Override
  public int run(Context ctx, Args args) throws Exception {
    Path samples = Path.of(args.get("samples", ctx.config().get(FymConfig.CACHE) + "/samples"));
    Path clip = samples.resolve("Megamind.avi");
    if (!Files.isRegularFile(clip)) {
      throw new IllegalArgumentException(clip + " is missing: run bin/fetch-samples (bin/fym demo does it for you)");
    }
    Path corpus = Path.of(ctx.config().get(FymConfig.CACHE), "demo-corpus");
    Path target = corpus.resolve("megamind").resolve("Megamind.avi");
    Files.createDirectories(target.getParent());
    if (!Files.exists(target) || Files.size(target) != Files.size(clip)) {
      Files.copy(clip, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
    }
    ctx.out().println("[demo] corpus " + corpus + " -> output " + ctx.outRoot());
    IngestSummary s = new IngestJob(ctx.spark(), ctx.config(), ctx.store(), ctx.out()).run(corpus.toString());
    ctx.out().println(s.describe(ctx.outRoot()));
    ctx.store().registerViews();
    ctx.out().println("People found in the sample clip (identity, face frames, first and last frame):");
    ctx.out().print(TablePrinter.format(ctx.spark().sql("select identity, count(*) as frames, min(frame_index) as first, "
        + "max(frame_index) as last from frames group by identity order by identity"), 50));
    ctx.out().print(TablePrinter.format(ctx.spark().sql("select clip, shot, start_frame, end_frame from shots order by shot"), 50));
    return s.ingested() + s.unchanged() > 0 ? 0 : 1;
  }
}
