package ai.fym.jobs.bench;

import static org.apache.spark.sql.functions.col;

import ai.djl.Device;
import ai.fym.engine.avatar.AvatarData;
import ai.fym.engine.avatar.AvatarEvaluation;
import ai.fym.engine.avatar.AvatarFrame;
import ai.fym.engine.avatar.AvatarSettings;
import ai.fym.engine.avatar.AvatarTrainer;
import ai.fym.engine.config.FymConfig;
import ai.fym.engine.splat.TileRasterizer;
import ai.fym.jobs.ingest.IngestJob;
import ai.fym.jobs.tables.DeltaStore;
import ai.fym.jobs.tables.Tables;
import ai.fym.udfs.avatar.AvatarSchemas;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code bin/fym bench avatar}: trains the sample clip's main identity (the person with most face frames) under
 * the configured {@code fym.avatar.*} settings and measures held-out PSNR every {@link #EVALUATE_EVERY} steps,
 * giving the training time (evaluations excluded) to reach {@link #TARGET_PSNR} dB at the configured resolution,
 * the final held-out PSNR and SSIM, and the time per step.
 */
public final class AvatarBench {
  static final int EVALUATE_EVERY = 250;
  static final double TARGET_PSNR = 28;
  static final double TARGET_SECONDS = 15 * 60;

  private final FymConfig config;
  private final PrintStream out;

  public AvatarBench(FymConfig config, PrintStream out) {
    this.config = config;
    this.out = out;
  }

  /** Ingests {@code clip} under {@code scratch}, trains its main identity and returns the figures. */
  public List<Figure> run(Path clip, SparkSession spark, Path scratch) throws Exception {
    Path corpus = Files.createDirectories(scratch.resolve("corpus/megamind"));
    Files.copy(clip, corpus.resolve(clip.getFileName()));
    DeltaStore store = new DeltaStore(spark, scratch.resolve("out").toString());
    new IngestJob(spark, config, store, new PrintStream(PrintStream.nullOutputStream()))
        .run(scratch.resolve("corpus").toString());
    String identity = store.read(Tables.FRAMES).groupBy("identity").count().orderBy(col("count").desc())
        .first().getString(0);
    AvatarSettings settings = config.avatarSettings();
    List<AvatarFrame> frames = new ArrayList<>();
    for (Row r : store.read(Tables.FRAMES).where(col("identity").equalTo(identity))
        .select("clip", "frame_index", "shot", "crop_png", "landmarks").collectAsList()) {
      frames.add(AvatarSchemas.frame(r, settings.resolution()));
    }
    AvatarData data = AvatarData.of(frames, settings);
    out.printf(Locale.ROOT, "  %s: %d frames (%d held out), %dx%d, %d steps%n", identity, frames.size(),
        data.heldOut().length, settings.resolution(), settings.resolution(), settings.steps());
    double[] evaluationSeconds = {0};
    double[] reachedAt = {Double.NaN};
    long start = System.nanoTime();
    AvatarTrainer.Result result = AvatarTrainer.train(data, settings, null, Device.cpu(), TileRasterizer::new,
        (step, model, rasterizer, manager) -> {
          if (step % EVALUATE_EVERY != 0) {
            return;
          }
          long t0 = System.nanoTime();
          double psnr = AvatarEvaluation.score(model, data, data.heldOut(), rasterizer, manager).psnr();
          evaluationSeconds[0] += (System.nanoTime() - t0) / 1e9;
          double trained = (System.nanoTime() - start) / 1e9 - evaluationSeconds[0];
          out.printf(Locale.ROOT, "    step %5d  %6.1f s  held-out PSNR %.2f dB  %d Gaussians%n", step, trained,
              psnr, model.gaussianCount());
          if (psnr >= TARGET_PSNR && Double.isNaN(reachedAt[0])) {
            reachedAt[0] = trained;
          }
        });
    double seconds = result.trainSeconds() - evaluationSeconds[0];
    List<Figure> figures = new ArrayList<>();
    String what = String.format(Locale.ROOT, "%s, %d px, %d steps", identity, settings.resolution(),
        settings.steps());
    add(figures, new Figure("avatar train time (" + what + ")", seconds, "s", TARGET_SECONDS, true));
    add(figures, new Figure("  per step", 1000 * seconds / Math.max(1, result.steps()), "ms/step", 0, true));
    add(figures, new Figure("avatar held-out PSNR", result.heldOut().psnr(), "dB", TARGET_PSNR, false));
    add(figures, new Figure("avatar held-out SSIM", result.heldOut().ssim(), "", 0, false));
    add(figures, new Figure("avatar Gaussians", result.model().gaussianCount(), "", 0, false));
    try (ai.djl.ndarray.NDManager manager = ai.djl.ndarray.NDManager.newBaseManager(Device.cpu());
        TileRasterizer rasterizer = new TileRasterizer(settings.threads())) {
      AvatarEvaluation.Consistency c = AvatarEvaluation.consistency(result.model(), data, rasterizer, manager);
      add(figures, new Figure("renders' short warp error x1000 (all frames)", c.renderWarpShort(), "", 0, true));
      add(figures, new Figure("  source crops' own short warp error", c.sourceWarpShort(), "", 0, true));
      add(figures, new Figure("  renders / source", c.ratio(), "x", 1.1, true));
    }
    if (!Double.isNaN(reachedAt[0])) {
      add(figures, new Figure("time to held-out PSNR " + (int) TARGET_PSNR + " dB", reachedAt[0], "s",
          TARGET_SECONDS, true));
    } else {
      out.printf(Locale.ROOT, "  held-out PSNR %d dB not reached in %d steps%n", (int) TARGET_PSNR,
          settings.steps());
    }
    return figures;
  }

  private void add(List<Figure> figures, Figure f) {
    figures.add(f);
    out.println(f.line());
  }
}
