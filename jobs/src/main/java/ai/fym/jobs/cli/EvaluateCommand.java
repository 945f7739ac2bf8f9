package ai.fym.jobs.cli;

import ai.fym.jobs.eval.EditJob;
import ai.fym.jobs.eval.EvaluateJob;
import ai.fym.jobs.eval.Selection;
import ai.fym.jobs.trajectory.TrajectoriesJob;
import ai.fym.jobs.trajectory.TrajectorySummary;
import ai.fym.udfs.eval.MethodConfig;
import ai.fym.udfs.trajectory.TrajectoryItem;
import java.nio.file.Path;
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
        per-frame, smooth, propagate, trajectory-warp, source), corrects the edit shot by shot, writes an H.264 mp4 at source resolution
        under <out>/corrected/<identity>/<clip>/<edit>/<method>-<config hash>.mp4 and measures it against the
        source: warp error short and long, motion and landmark error, flicker, edit fidelity, PSNR/SSIM
        (tables corrected, metrics, metric_frames). Already measured items are skipped. The method source is
        the unedited video, the reference the warp errors are judged against. trajectory-warp follows each shot's
        trajectory field: fields missing from the trajectories table (region frame, current fym.trajectory.*
        settings) are trained first, as bin/fym trajectories would.
        --edited URI first registers a user's edited video for the clip (name: --edit, default the file's
        base name); it must match the source's frame count and size, or the command refuses it.

        examples:
          bin/fym evaluate
          bin/fym evaluate --clip Megamind --edited ~/edited/Megamind_look.mp4 --methods per-frame,smooth
        """;
  }

  @Override
  public int run(Context ctx, Args args) throws Exception {
    String edited = args.get("edited", null);
    String edit = args.get("edit", null);
    if (edited != null) {
      if (!edited.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
        edited = Path.of(edited).toAbsolutePath().normalize().toUri().toString();
      }
      if (edit == null) {
        String base = edited.replaceAll("/+$", "").substring(edited.replaceAll("/+$", "").lastIndexOf('/') + 1);
        edit = base.contains(".") ? base.substring(0, base.lastIndexOf('.')) : base;
      }
      Selection one = new Selection(args.get("identity", null), args.get("clip", null), null);
      int[] registered = new EditJob(ctx.spark(), ctx.config(), ctx.store(), ctx.outRoot(), ctx.out())
          .run(edit, one, edited);
      if (registered[1] > 0) {
        ctx.out().println("The edited video was refused; nothing was evaluated (see the message above).");
        return 1;
      }
    }
    List<String> methods = args.has("methods") ? Arrays.asList(args.get("methods", "").split(",")) : List.of();
    Selection selection = new Selection(args.get("identity", null), args.get("clip", null), edit);
    EvaluateJob job = new EvaluateJob(ctx.spark(), ctx.config(), ctx.store(), ctx.outRoot(), ctx.out());
    List<MethodConfig> configs = job.defaults(methods);
    String fields = "";
    if (configs.stream().anyMatch(c -> c.fieldSettingsHash() != null)) {
      TrajectorySummary t = new TrajectoriesJob(ctx.spark(), ctx.config(), ctx.store(), ctx.outRoot(), ctx.out())
          .run(new Selection(selection.identity(), selection.clip(), null), TrajectoryItem.FRAME);
      fields = String.format(" Trajectory fields for trajectory-warp: %d trained first (%d failed), %d were "
          + "stored already.", t.trained(), t.failed(), t.stored());
    }
    int[] result = job.run(selection, configs);
    ctx.out().printf("Evaluate: %d (clip, edit, method) items measured, %d failed.%s Query them with bin/fym sql "
        + "\"select clip, edit, method, warp_short, warp_long, flicker, edit_fidelity from metrics\".%n",
        result[0], result[1], fields);
    return result[1] > 0 && result[0] == 0 ? 1 : 0;
  }
}
