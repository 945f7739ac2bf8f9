package ai.fym.jobs.cli;

import ai.fym.engine.config.FymConfig;
import ai.fym.jobs.eval.EvaluateJob;
import ai.fym.jobs.eval.Selection;
import ai.fym.jobs.eval.SweepGrid;
import ai.fym.jobs.eval.SweepJob;
import java.nio.file.Path;
import java.util.List;

/** {@code bin/fym sweep --grid FILE}: a resumable grid of method configurations over the stored edits. */
final class SweepCommand implements Command {
  @Override
  public String name() {
    return "sweep";
  }

  @Override
  public String summary() {
    return "run a grid of method configurations over the edits, resumably (sweep_items table)";
  }

  @Override
  public List<String> options() {
    return List.of("grid", "clip", "identity", "max-items");
  }

  @Override
  public String help() {
    return """
        usage: bin/fym [global options] sweep --grid FILE [--identity ID] [--clip ID] [--max-items N]

        FILE (JSON, see conf/sweeps/) names the sweep, the edits and the methods with parameter grids. Every
        configuration x every selected clip's stored edit becomes a work item in the Delta table sweep_items;
        items that are not DONE run in batches of fym.sweep.batchItems through evaluate, and are marked DONE
        or FAILED after each batch. Stop it at any time: a rerun finishes only the missing items.
        --max-items N stops after N items (a bounded slice of a long sweep).

        example:
          bin/fym sweep --grid conf/sweeps/smooth-alpha.json
        """;
  }

  @Override
  public int run(Context ctx, Args args) throws Exception {
    SweepGrid grid = SweepGrid.read(Path.of(args.require("grid")));
    int batch = ctx.config().getInt(FymConfig.SWEEP_BATCH);
    if (batch == 0) {
      batch = 2 * ctx.spark().sparkContext().defaultParallelism();
    }
    EvaluateJob evaluate = new EvaluateJob(ctx.spark(), ctx.config(), ctx.store(), ctx.outRoot(), ctx.out());
    int[] r = new SweepJob(ctx.spark(), ctx.store(), evaluate, ctx.out())
        .run(grid, new Selection(args.get("identity", null), args.get("clip", null), null), batch,
            Integer.parseInt(args.get("max-items", "0")));
    ctx.out().printf("Sweep %s: %d items done, %d failed, %d left for a later run.%n", grid.name(), r[0], r[1], r[2]);
    return r[1] > 0 && r[0] == 0 ? 1 : 0;
  }
}
