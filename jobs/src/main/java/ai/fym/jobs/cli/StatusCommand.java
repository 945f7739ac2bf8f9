package ai.fym.jobs.cli;

import ai.fym.jobs.ledger.Ledger;
import ai.fym.jobs.tables.Tables;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** {@code bin/fym status}: the {@code stage_runs} ledger, per stage, and the items that failed. */
final class StatusCommand implements Command {
  @Override
  public String name() {
    return "status";
  }

  @Override
  public String summary() {
    return "print the stage_runs ledger: items succeeded, failed and retried per stage";
  }

  @Override
  public List<String> options() {
    return List.of("stage", "identity", "limit");
  }

  @Override
  public String help() {
    return """
        usage: bin/fym [global options] status [--stage NAME] [--identity ID] [--limit N]

        Prints the ledger (Delta table stage_runs) of the output root: per stage, how many work items
        (a clip, a shot, a clip's edit under a method) succeeded or failed, how many needed a retry (a task
        attempt after the first), their total time; then the failed items with their error (first N, default
        20). A rerun of a stage redoes only the failed and missing items.

        example:
          bin/fym status --stage trajectories
        """;
  }

  @Override
  public int run(Context ctx, Args args) {
    if (!ctx.store().exists(Tables.STAGE_RUNS)) {
      ctx.out().println("No stage_runs ledger under " + ctx.outRoot() + " yet: run a stage first (bin/fym demo).");
      return 1;
    }
    Ledger ledger = new Ledger(ctx.store(), args.get("stage", null), args.get("identity", null));
    ctx.out().println("Ledger " + ctx.store().path(Tables.STAGE_RUNS) + ":");
    ctx.out().print(TablePrinter.format(ledger.summary(), 50));
    Dataset<Row> failed = ledger.failed();
    long n = failed.count();
    if (n > 0) {
      ctx.out().println(n + " failed items (a rerun of their stage retries them):");
      ctx.out().print(TablePrinter.format(failed, Integer.parseInt(args.get("limit", "20"))));
    }
    return 0;
  }
}
