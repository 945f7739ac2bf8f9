package ai.fym.jobs.cli;

import ai.fym.jobs.diffusion.DenoiserSummary;
import ai.fym.jobs.eval.EvaluateJob;
import ai.fym.jobs.eval.Selection;
import ai.fym.jobs.trajectory.TrajectoriesJob;
import ai.fym.jobs.trajectory.TrajectorySummary;
import ai.fym.udfs.eval.MethodConfig;
import ai.fym.udfs.trajectory.TrajectoryItem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code bin/fym correct}: the full FYM method on one edit: trajectory fields and base denoisers first (each
 * trained only when missing), then the {@code fym} correction (and with {@code --ablations} its three ablations)
 * through the evaluation stage, so the corrected videos and their metrics land in the same tables as every
 * other method's.
 */
final class CorrectCommand implements Command {
  /** The ablations {@code --ablations} adds: no hash-grid features, no landmark re-weighting, no ControlNet. */
  static final List<Map<String, String>> ABLATIONS = List.of(Map.of("hash", "0"), Map.of("reweight", "0"),
      Map.of("control", "0"));

  @Override
  public String name() {
    return "correct";
  }

  @Override
  public String summary() {
    return "correct an edit with the full FYM method (fym, optionally its ablations) -> corrected, metrics";
  }

  @Override
  public List<String> options() {
    return List.of("edit", "clip", "identity", "edited", "ablations");
  }

  @Override
  public List<String> flags() {
    return List.of("ablations");
  }

  @Override
  public String help() {
    return """
        usage: bin/fym [global options] correct --edit NAME [--identity ID] [--clip ID] [--edited URI] [--ablations]

        Corrects the stored edit NAME (bin/fym edit, or --edited) of the selected clips with the full method,
        fym: each shot is first corrected along its trajectory field (trajectory-warp), then a diffusion
        denoiser conditioned on the field's features, the warped edit and landmark heatmaps re-samples the face
        window. Missing inputs are trained first: the shots' trajectory fields (as bin/fym trajectories) and the
        identity's base denoiser (one Spark task per identity, on its first clips; table denoisers, files under
        <out>/denoisers). The corrected mp4s land under <out>/corrected/<identity>/<clip>/<edit>/fym-<hash>.mp4
        and are measured like every method (tables corrected, metrics, metric_frames). --ablations also runs
        fym{hash=0} (positional encoding instead of hash-grid features), fym{reweight=0} (plain attention) and
        fym{control=0} (no ControlNet adaptation); the first two train a base denoiser of their own. The
        fym.diffusion.* keys set the denoiser and its training. Already measured items are skipped.
        --edited URI first registers a user's edited video for the clip under NAME (default: its base name).

        examples:
          bin/fym correct --edit relight
          bin/fym correct --clip Megamind --edited ~/edited/Megamind_look.mp4 --ablations
        """;
  }

  @Override
  public int run(Context ctx, Args args) throws Exception {
    if (!args.has("edit") && !args.has("edited")) {
      throw new IllegalArgumentException("correct needs --edit NAME or --edited URI (see bin/fym correct --help)");
    }
    Edited edited = Edited.register(ctx, args);
    if (edited.refused()) {
      return 1;
    }
    Selection selection = new Selection(args.get("identity", null), args.get("clip", null), edited.edit());
    EvaluateJob job = new EvaluateJob(ctx.spark(), ctx.config(), ctx.store(), ctx.outRoot(), ctx.out());
    List<MethodConfig> configs = new ArrayList<>();
    configs.add(job.configOf("fym", Map.of()));
    if (args.has("ablations")) {
      for (Map<String, String> ablation : ABLATIONS) {
        configs.add(job.configOf("fym", ablation));
      }
    }
    TrajectorySummary fields = new TrajectoriesJob(ctx.spark(), ctx.config(), ctx.store(), ctx.outRoot(),
        ctx.out()).run(new Selection(selection.identity(), selection.clip(), null), TrajectoryItem.FRAME);
    DenoiserSummary denoisers = job.trainDenoisers(selection, configs);
    int[] result = job.runItems(job.items(selection, configs, true));
    ctx.out().printf("Correct (edit %s, %d configuration%s): %d (clip, configuration) items corrected and measured, "
        + "%d failed. Trajectory fields: %d trained first (%d failed), %d stored already. Base denoisers: %d trained "
        + "first (%d failed), %d stored already. The videos are under %s/corrected; compare the methods with "
        + "bin/fym sql \"select clip, method, config_hash, warp_short, warp_long, flicker, edit_fidelity from metrics "
        + "where edit = '%s'\".%n", edited.edit(), configs.size(), configs.size() == 1 ? "" : "s", result[0],
        result[1], fields.trained(), fields.failed(), fields.stored(), denoisers.trained(), denoisers.failed(),
        denoisers.stored(), ctx.outRoot(), edited.edit());
    return result[1] > 0 && result[0] == 0 ? 1 : 0;
  }
}
