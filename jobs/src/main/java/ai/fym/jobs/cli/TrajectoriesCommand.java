package ai.fym.jobs.cli;

import ai.fym.jobs.eval.Selection;
import ai.fym.jobs.trajectory.TrajectoriesJob;
import ai.fym.jobs.trajectory.TrajectorySummary;
import java.util.List;

/** {@code bin/fym trajectories}: train each shot's trajectory field and store it. */
final class TrajectoriesCommand implements Command {
  @Override
  public String name() {
    return "trajectories";
  }

  @Override
  public String summary() {
    return "train a trajectory field per shot of the ingested clips -> trajectories";
  }

  @Override
  public List<String> options() {
    return List.of("clip", "identity");
  }

  @Override
  public String help() {
    return """
        usage: bin/fym [global options] trajectories [--identity ID] [--clip ID]

        For every shot of two or more frames of the selected ingested clips, trains the shot's trajectory field
        (a hash-grid encoding of (x, y, t) and a small decoder that carry each pixel of each frame to its place
        in the shot's first frame), one Spark task per shot, and stores it under
        <out>/trajectories/<identity>/<clip>/shot-<first frame>-<settings hash>.field with a row in the Delta
        table trajectories (steps, loss, photometric error, training time). Training writes a checkpoint every
        fym.trajectory.checkpointEvery steps; a killed run resumes from it. Shots already stored under the same
        settings are skipped. fym.trajectory.region=face trains on the face crops of each shot's main track
        instead of the full frames; the other fym.trajectory.* keys set the field and its training (see
        docs/TRAJECTORIES.md). bin/fym evaluate runs this stage itself when trajectory-warp needs fields.

        examples:
          bin/fym trajectories
          bin/fym --set fym.trajectory.steps=300 trajectories --clip Megamind
        """;
  }

  @Override
  public int run(Context ctx, Args args) throws Exception {
    Selection selection = new Selection(args.get("identity", null), args.get("clip", null), null);
    TrajectorySummary s = new TrajectoriesJob(ctx.spark(), ctx.config(), ctx.store(), ctx.outRoot(), ctx.out())
        .run(selection, ctx.config().trajectoryRegion());
    ctx.out().println(s.describe(ctx.outRoot()));
    return s.failed() > 0 && s.trained() == 0 ? 1 : 0;
  }
}
