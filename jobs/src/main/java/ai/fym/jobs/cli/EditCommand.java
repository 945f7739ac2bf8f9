package ai.fym.jobs.cli;

import ai.fym.jobs.eval.EditJob;
import ai.fym.jobs.eval.Selection;
import java.util.List;

/** {@code bin/fym edit --edit NAME}: per-frame edits of the ingested clips, stored under the output root. */
final class EditCommand implements Command {
  @Override
  public String name() {
    return "edit";
  }

  @Override
  public String summary() {
    return "edit the ingested clips frame by frame (relight, grade, stylize) or register a user's edit";
  }

  @Override
  public List<String> options() {
    return List.of("edit", "clip", "identity", "edited");
  }

  @Override
  public String help() {
    return """
        usage: bin/fym [global options] edit --edit NAME [--identity ID] [--clip ID] [--edited URI]

        Built-in edits behave like an image editor run on every frame, each frame with its own slightly
        different parameters around the intent (the flicker FYM removes):
          relight   a warm key light as a smooth directional gain field, plus colour temperature
          grade     a teal-orange colour look (curve, lift/gamma/gain, saturation) with per-frame jitter
          stylize   a cartoon look: OpenCV edge-preserving filter, flat tone bands, inked edges
        Any other NAME is a user's edit: the edited video (or frame folder) named by --edited, or the clip's
        manifest column edit:NAME. It must have the source's frame count and size. Edited clips are stored
        losslessly under <out>/edits/<identity>/<clip>/<edit>.mkv with rows in the Delta table edits; a failed
        one gets a quarantine row. Edits already stored (same origin) are skipped.

        examples:
          bin/fym edit --edit relight
          bin/fym edit --edit mylook --clip Megamind --edited ~/edited/Megamind_look.mp4
        """;
  }

  @Override
  public int run(Context ctx, Args args) throws Exception {
    String edit = args.require("edit");
    Selection selection = new Selection(args.get("identity", null), args.get("clip", null), null);
    int[] result = new EditJob(ctx.spark(), ctx.config(), ctx.store(), ctx.outRoot(), ctx.out())
        .run(edit, selection, args.get("edited", null));
    ctx.out().printf("Edit %s: %d clips edited, %d failed (see the quarantine table). Stored under %s/edits.%n",
        edit, result[0], result[1], ctx.outRoot());
    return result[1] > 0 && result[0] == 0 ? 1 : 0;
  }
}
