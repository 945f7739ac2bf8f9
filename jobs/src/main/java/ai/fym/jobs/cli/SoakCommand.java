package ai.fym.jobs.cli;

import ai.fym.engine.config.FymConfig;
import ai.fym.jobs.spark.TaskCounter;
import ai.fym.jobs.tables.DeltaStore;
import ai.fym.jobs.tables.TableDef;
import ai.fym.jobs.tables.Tables;
import io.delta.tables.DeltaTable;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.SparkSession;

/**
 * {@code bin/fym soak}: the demo pipeline with the fault injector failing a share of first task attempts, then
 * checks that every table is duplicate-free, no item failed, and a full rerun changes no table.
 */
final class SoakCommand implements Command {
  @Override
  public String name() {
    return "soak";
  }

  @Override
  public String summary() {
    return "the demo pipeline under injected task failures, then duplicate and rerun checks";
  }

  @Override
  public List<String> options() {
    return List.of("failure-rate", "samples");
  }

  @Override
  public String help() {
    return """
        usage: bin/fym [global options] soak [--failure-rate R] [--samples FOLDER]

        Runs bin/fym demo (ingest, edits, trajectories, evaluation, qc, report on the sample clip) with
        fym.faults.taskFailureRate=R (default 0.2): the first attempt of that share of work items fails at a
        seeded random point (fym.faults.seed), during the work or after its artifact is written. A local
        master gets up to 4 attempts per task (local[N] becomes local[N,4]). Then it checks that every table
        has one row per key, the stage_runs ledger has no FAILED item, and a second full run changes no table
        (qc verdicts are recomputed on every run by design), and prints task attempts, injected failures,
        time and row counts. Use a fresh --out folder. Exits 1 when a check fails.

        example:
          bin/fym --out /tmp/fym-soak soak
        """;
  }

  @Override
  public int run(Context ctx, Args args) throws Exception {
    double rate = Double.parseDouble(args.get("failure-rate", "0.2"));
    FymConfig config = ctx.config().with(FymConfig.FAULTS_TASK_FAILURE_RATE, String.valueOf(rate))
        .with(FymConfig.MASTER, withRetries(ctx.config().get(FymConfig.MASTER)));
    try (Context soak = new Context(config, ctx.out(), "soak")) {
      TaskCounter tasks = new TaskCounter();
      soak.spark().sparkContext().addSparkListener(tasks);
      long t0 = System.nanoTime();
      int demo = new DemoCommand().run(soak, args);
      double seconds = (System.nanoTime() - t0) / 1e9;
      Thread.sleep(2000); // the listener bus delivers task-end events asynchronously
      long attempts = tasks.attempts();
      long failedAttempts = tasks.failed();
      long injected = tasks.injected();
      DeltaStore store = soak.store();
      Map<String, Long> versions = versions(soak.spark(), store);
      Map<String, long[]> counts = new TreeMap<>();
      long duplicates = 0;
      for (TableDef t : Tables.ALL) {
        if (store.exists(t)) {
          long rows = store.read(t).count();
          long keys = store.read(t).select(t.keys().stream().map(org.apache.spark.sql.functions::col)
              .toArray(org.apache.spark.sql.Column[]::new)).distinct().count();
          counts.put(t.name(), new long[] {rows, rows - keys});
          duplicates += rows - keys;
        }
      }
      long failedItems = store.read(Tables.STAGE_RUNS).where("status = 'FAILED'").count();
      long retriedItems = store.read(Tables.STAGE_RUNS).where("attempt > 0").count();
      long t1 = System.nanoTime();
      new DemoCommand().run(soak, args);
      double rerunSeconds = (System.nanoTime() - t1) / 1e9;
      Map<String, Long> after = versions(soak.spark(), store);
      List<String> changed = after.keySet().stream()
          .filter(k -> !k.equals(Tables.QC.name()) && !after.get(k).equals(versions.get(k))).toList();
      ctx.out().println("Soak tables (rows, duplicate keys):");
      counts.forEach((k, v) -> ctx.out().printf(Locale.ROOT, "  %-14s %8d %4d%n", k, v[0], v[1]));
      ctx.out().printf(Locale.ROOT, "Soak: failure rate %.2f, seed %s, master %s: %d task attempts, %d failed (%d "
          + "injected), %d items succeeded on a retry, %d items FAILED, %d duplicate keys; pipeline %.0f s; "
          + "rerun %.0f s changed %s.%n", rate, config.get(FymConfig.FAULTS_SEED), config.get(FymConfig.MASTER),
          attempts, failedAttempts, injected, retriedItems, failedItems, duplicates, seconds, rerunSeconds,
          changed.isEmpty() ? "no table" : "the tables " + changed);
      return demo == 0 && duplicates == 0 && failedItems == 0 && changed.isEmpty() ? 0 : 1;
    }
  }

  /** A local master with up to 4 attempts per task ({@code local[N]} becomes {@code local[N,4]}). */
  static String withRetries(String master) {
    if (master.equals("local")) {
      return "local[1,4]";
    }
    return master.matches("local\\[[0-9*]+\\]") ? master.replace("]", ",4]") : master;
  }

  private static Map<String, Long> versions(SparkSession spark, DeltaStore store) {
    Map<String, Long> out = new TreeMap<>();
    for (TableDef t : Tables.ALL) {
      if (store.exists(t)) {
        out.put(t.name(), DeltaTable.forPath(spark, store.path(t)).history(1).first().<Long>getAs("version"));
      }
    }
    return out;
  }
}
