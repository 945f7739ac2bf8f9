package ai.fym.jobs.cli;

import ai.fym.engine.config.FymConfig;
import ai.fym.engine.edit.Editors;
import ai.fym.jobs.avatar.AvatarSummary;
import ai.fym.jobs.avatar.AvatarsJob;
import ai.fym.jobs.diffusion.DenoiserSummary;
import ai.fym.jobs.eval.EditJob;
import ai.fym.jobs.eval.EvaluateJob;
import ai.fym.jobs.eval.QualityGate;
import ai.fym.jobs.eval.Selection;
import ai.fym.jobs.ingest.IngestJob;
import ai.fym.jobs.report.ReportWriter;
import ai.fym.jobs.ingest.IngestSummary;
import ai.fym.jobs.trajectory.TrajectoriesJob;
import ai.fym.jobs.trajectory.TrajectorySummary;
import ai.fym.udfs.eval.MethodConfig;
import ai.fym.udfs.trajectory.TrajectoryItem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * {@code bin/fym demo}: runs every stage that exists on the real sample clip (Megamind.avi from
 * Debian's opencv-doc, fetched into the cache by {@code bin/fetch-samples}) and says where the
 * results are. It runs demo-sized: keys left at their defaults among {@link #DEMO_SETTINGS} get the demo's
 * value, so the whole demo fits about 45 minutes on 2 cores; a key set by the user keeps the user's value.
 */
final class DemoCommand implements Command {
  /**
   * The demo's own values for keys at their defaults: 3000 avatar steps per person instead of 12000 (the three
   * people of the sample clip would take over 20 minutes at the default), and a smaller, shorter-trained
   * denoiser (32 px crops, 16 channels, {@code baseSteps=800}, {@code adaptSteps=60}), so that the whole demo
   * fits 45 minutes on 2 cores: it took 2621 s with these values, beside the test suite.
   */
  static final Map<String, String> DEMO_SETTINGS = Map.of(FymConfig.AVATAR_STEPS, "3000",
      FymConfig.DIFFUSION_SIZE, "32", FymConfig.DIFFUSION_CHANNELS, "16", FymConfig.DIFFUSION_BASE_STEPS, "800",
      FymConfig.DIFFUSION_ADAPT_STEPS, "60");

  @Override
  public String name() {
    return "demo";
  }

  @Override
  public String summary() {
    return "run every stage on the sample clip: ingest, edits, trajectories, avatars, denoisers, evaluation with "
        + "fym, qc, report";
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
        stage available: ingest (shots, face tracks, landmarks, crops), the built-in edits (relight, grade,
        stylize), a trajectory field per shot, a 3DGS avatar per person (fym.avatar.* settings, every frame
        rendered), the identity's base denoiser, evaluation of every correction method (per-frame, smooth, propagate,
        trajectory-warp, the full method fym, and the unedited source as the reference), quality gates and the
        HTML report (with avatar strips), whose path it prints. It runs demo-sized: keys left at their defaults
        get fym.avatar.steps=3000, fym.diffusion.size=32, channels=16, baseSteps=800, adaptSteps=60 (a key you
        set keeps your value). Up to about 45 minutes on 2 cores the first time; a rerun skips everything
        already done.
        """;
  }

  /** {@code config} with the demo's values for the keys of {@link #DEMO_SETTINGS} left at their defaults. */
  static FymConfig demoSized(FymConfig config) {
    FymConfig out = config;
    for (Map.Entry<String, String> e : DEMO_SETTINGS.entrySet()) {
      if (config.get(e.getKey()).equals(FymConfig.defaults().get(e.getKey()))) {
        out = out.with(e.getKey(), e.getValue(), "the demo");
      }
    }
    return out;
  }

  @Override
  public int run(Context ctx, Args args) throws Exception {
    FymConfig config = demoSized(ctx.config());
    Path samples = Path.of(args.get("samples", config.get(FymConfig.CACHE) + "/samples"));
    Path clip = samples.resolve("Megamind.avi");
    if (!Files.isRegularFile(clip)) {
      throw new IllegalArgumentException(clip + " is missing: run bin/fetch-samples (bin/fym demo does it for you)");
    }
    Path corpus = Path.of(config.get(FymConfig.CACHE), "demo-corpus");
    Path target = corpus.resolve("megamind").resolve("Megamind.avi");
    Files.createDirectories(target.getParent());
    if (!Files.exists(target) || Files.size(target) != Files.size(clip)) {
      Files.copy(clip, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
    }
    ctx.out().println("[demo] corpus " + corpus + " -> output " + ctx.outRoot());
    IngestSummary s = new IngestJob(ctx.spark(), config, ctx.store(), ctx.out()).run(corpus.toString());
    ctx.out().println(s.describe(ctx.outRoot()));
    ctx.store().registerViews();
    ctx.out().println("People found in the sample clip (identity, face frames, first and last frame):");
    ctx.out().print(TablePrinter.format(ctx.spark().sql("select identity, count(*) as frames, min(frame_index) as first, "
        + "max(frame_index) as last from frames group by identity order by identity"), 50));
    ctx.out().print(TablePrinter.format(ctx.spark().sql("select clip, shot, start_frame, end_frame from shots order by shot"), 50));
    if (s.ingested() + s.unchanged() == 0) {
      return 1;
    }
    EditJob edits = new EditJob(ctx.spark(), config, ctx.store(), ctx.outRoot(), ctx.out());
    for (String edit : Editors.builtinNames()) {
      edits.run(edit, Selection.ALL, null);
    }
    TrajectorySummary fields = new TrajectoriesJob(ctx.spark(), config, ctx.store(), ctx.outRoot(),
        ctx.out()).run(Selection.ALL, TrajectoryItem.FRAME);
    ctx.out().println(fields.describe(ctx.outRoot()));
    AvatarSummary avatars = new AvatarsJob(ctx.spark(), config, ctx.store(), ctx.outRoot(), ctx.out())
        .run(Selection.ALL);
    ctx.out().println(avatars.describe(ctx.outRoot()));
    EvaluateJob evaluate = new EvaluateJob(ctx.spark(), config, ctx.store(), ctx.outRoot(), ctx.out());
    List<MethodConfig> methods = evaluate.defaults(List.of());
    DenoiserSummary denoisers = evaluate.trainDenoisers(Selection.ALL, methods);
    int[] evaluated = evaluate.runItems(evaluate.items(Selection.ALL, methods, true));
    QualityGate.Outcome qc = new QualityGate(ctx.spark(), config, ctx.store()).run(Selection.ALL);
    ctx.store().registerViews();
    ctx.out().println("Short warp error x1000 per edit and method (lower is steadier):");
    ctx.out().print(TablePrinter.format(ctx.spark().sql("select edit, method, round(warp_short, 3) as warp_short, "
        + "round(warp_long, 3) as warp_long, round(flicker, 3) as flicker, round(edit_fidelity, 2) as edit_fidelity, "
        + "q.verdict from metrics m left join qc q using (identity, clip, edit, method, config_hash) "
        + "order by edit, warp_short desc"), 50));
    Path report = new ReportWriter(ctx.spark(), ctx.store(), ctx.outRoot()).write();
    ctx.out().printf("Demo done: %d base denoiser(s) trained (%d failed), %d evaluations (%d failed), quality gates "
        + "%d passed / %d rejected.%nReport: %s%n", denoisers.trained(), denoisers.failed(), evaluated[0],
        evaluated[1], qc.passed(), qc.rejected(), report.toAbsolutePath());
    return evaluated[1] == 0 ? 0 : 1;
  }
}
