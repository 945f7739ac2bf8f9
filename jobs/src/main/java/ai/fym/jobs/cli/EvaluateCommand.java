package ai.fym.jobs.cli;

import ai.fym.jobs.diffusion.DenoiserSummary;
import ai.fym.jobs.eval.EvaluateJob;
import ai.fym.jobs.eval.Selection;
import ai.fym.jobs.trajectory.TrajectoriesJob;
import ai.fym.jobs.trajectory.TrajectorySummary;
import ai.fym.udfs.eval.MethodConfig;
import ai.fym.udfs.trajectory.TrajectoryItem;
import java.util.Arrays;
import java.util.List;

/** {@code bin/fym evaluate}: run the correction methods on the stored edits and measure them. */
final class EvaluateCommand implements Command {
  @Override
  public String name() {
    return "evaluate";
  }

  @Override
  public String summary() {
    return "correct the edits with each method and measure temporal consistency -> metrics";
  }

  @Override
  public List<String> options() {
    return List.of("clip", "identity", "edit", "edited", "methods");
  }

  @Override
  public String help() {
    return """
        usage: bin/fym [global options] evaluate [--identity ID] [--clip ID] [--edit NAME] [--edited URI]
                                                 [--methods a,b,...]

        For every stored edit (bin/fym edit) of the selected clips and every method (default: all registered:
        per-frame, smooth, propagate, trajectory-warp, source, fym), corrects the edit shot by shot, writes an
        H.264 mp4 at source resolution
        under <out>/corrected/<identity>/<clip>/<edit>/<method>-<config hash>.mp4 and measures it against the
        source: warp error short and long, motion and landmark error, flicker, edit fidelity, PSNR/SSIM
        (tables corrected, metrics, metric_frames). Already measured items are skipped. The method source is
        the unedited video, the reference the warp errors are judged against. trajectory-warp follows each shot's
        trajectory field: fields missing from the trajectories table (region frame, current fym.trajectory.*
        settings) are trained first, as bin/fym trajectories would; fym also needs its identity's base denoiser,
        trained first when the denoisers table lacks it (see bin/fym correct --help).
        --edited URI first registers a user's edited video for the clip (name: --edit, default the file's
        base name); it must match the source's frame count and size, or the command refuses it.

        examples:
          bin/fym evaluate
          bin/fym evaluate --clip Megamind --edited ~/edited/Megamind_look.mp4 --methods per-frame,smooth
        """;
  }

  @Override
  public int run(Context ctx, Args args) throws Exception {
    Edited edited = Edited.register(ctx, args);
    if (edited.refused()) {
      return 1;
    }
    List<String> methods = args.has("methods") ? Arrays.asList(args.get("methods", "").split(",")) : List.of();
    Selection selection = new Selection(args.get("identity", null), args.get("clip", null), edited.edit());
    EvaluateJob job = new EvaluateJob(ctx.spark(), ctx.config(), ctx.store(), ctx.outRoot(), ctx.out());
    List<MethodConfig> configs = job.defaults(methods);
    String fields = "";
    if (configs.stream().anyMatch(c -> c.fieldSettingsHash() != null)) {
      TrajectorySummary t = new TrajectoriesJob(ctx.spark(), ctx.config(), ctx.store(), ctx.outRoot(), ctx.out())
          .run(new Selection(selection.identity(), selection.clip(), null), TrajectoryItem.FRAME);
      fields = String.format(" Trajectory fields for trajectory-warp and fym: %d trained first (%d failed), %d "
          + "were stored already.", t.trained(), t.failed(), t.stored());
    }
    DenoiserSummary d = job.trainDenoisers(selection, configs);
    String denoisers = d == null ? "" : String.format(" Base denoisers for fym: %d trained first (%d failed), %d "
        + "were stored already.", d.trained(), d.failed(), d.stored());
    int[] result = job.runItems(job.items(selection, configs, true));
    ctx.out().printf("Evaluate: %d (clip, edit, method) items measured, %d failed.%s%s Query them with bin/fym sql "
        + "\"select clip, edit, method, warp_short, warp_long, flicker, edit_fidelity from metrics\".%n",
        result[0], result[1], fields, denoisers);
    return result[1] > 0 && result[0] == 0 ? 1 : 0;
  }
}
