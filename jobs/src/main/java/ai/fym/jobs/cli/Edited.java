package ai.fym.jobs.cli;

import ai.fym.jobs.eval.EditJob;
import ai.fym.jobs.eval.Selection;
import java.nio.file.Path;

/**
 * The {@code --edit NAME} and {@code --edited URI} options of {@code evaluate} and {@code correct}: with
 * {@code --edited}, the user's edited video (or frame folder) is registered for the selected clip under the edit
 * name (default: the file's base name) before the command runs; a video that does not match its source is refused.
 *
 * @param edit the edit name (null: all edits)
 * @param refused whether the edited video was refused (the command then stops)
 */
record Edited(String edit, boolean refused) {

  static Edited register(Context ctx, Args args) throws Exception {
    String edited = args.get("edited", null);
    String edit = args.get("edit", null);
    if (edited == null) {
      return new Edited(edit, false);
    }
    if (!edited.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
      edited = Path.of(edited).toAbsolutePath().normalize().toUri().toString();
    }
    if (edit == null) {
      String trimmed = edited.replaceAll("/+$", "");
      String base = trimmed.substring(trimmed.lastIndexOf('/') + 1);
      edit = base.contains(".") ? base.substring(0, base.lastIndexOf('.')) : base;
    }
    Selection one = new Selection(args.get("identity", null), args.get("clip", null), null);
    int[] registered = new EditJob(ctx.spark(), ctx.config(), ctx.store(), ctx.outRoot(), ctx.out())
        .run(edit, one, edited);
    if (registered[1] > 0) {
      ctx.out().println("The edited video was refused; nothing was evaluated (see the message above).");
      return new Edited(edit, true);
    }
    return new Edited(edit, false);
  }
}
