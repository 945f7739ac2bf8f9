package ai.fym.jobs.eval;

import static org.apache.spark.sql.functions.col;

import ai.fym.jobs.tables.DeltaStore;
import ai.fym.jobs.tables.Tables;
import ai.fym.udfs.eval.EvalItem;
import ai.fym.udfs.eval.EvalSchemas;
import ai.fym.udfs.eval.MethodConfig;
import java.io.PrintStream;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * A resumable sweep: the grid's method configurations times the selected clips' edits become work
 * items in {@code sweep_items}; items not DONE run in batches through {@link EvaluateJob}, and each
 * batch's items are marked DONE (metrics committed) or FAILED right after it, so a sweep stopped at
 * any point loses at most one batch and a rerun finishes only what is missing.
 */
public final class SweepJob {
  private final SparkSession spark;
  private final DeltaStore store;
  private final EvaluateJob evaluate;
  private final PrintStream log;

  public SweepJob(SparkSession spark, DeltaStore store, EvaluateJob evaluate, PrintStream log) {
    this.spark = spark;
    this.store = store;
    this.evaluate = evaluate;
    this.log = log;
  }

  /** Runs up to {@code maxItems} missing items (all when 0) in batches; returns {done, failed, remaining}. */
  public int[] run(SweepGrid grid, Selection selection, int batchSize, int maxItems) throws Exception {
    List<MethodConfig> configs = new ArrayList<>();
    for (Map.Entry<String, Map<String, String>> c : grid.configurations()) {
      configs.add(evaluate.configOf(c.getKey(), c.getValue()));
    }
    evaluate.trainDenoisers(selection, configs);
    List<EvalItem> all = evaluate.items(selection, configs, false).stream()
        .filter(i -> grid.edits().contains(i.edit())).toList();
    register(grid.name(), all);
    Set<String> finished = new HashSet<>();
    for (Row r : store.read(Tables.SWEEP_ITEMS).where(col("sweep").equalTo(grid.name())
        .and(col("status").equalTo("DONE"))).collectAsList()) {
      finished.add(key(r.getString(1), r.getString(2), r.getString(3), r.getString(5)));
    }
    Set<String> measured = evaluate.measuredKeys();
    List<EvalItem> todo = new ArrayList<>();
    List<EvalItem> alreadyMeasured = new ArrayList<>();
    for (EvalItem i : all) {
      String k = key(i);
      if (!finished.contains(k)) {
        (measured.contains(k) ? alreadyMeasured : todo).add(i);
      }
    }
    mark(grid.name(), alreadyMeasured, measured);
    int limit = maxItems > 0 ? Math.min(maxItems, todo.size()) : todo.size();
    log.printf("[sweep %s] %d items, %d finished before, %d to run now%n", grid.name(), all.size(),
        all.size() - todo.size(), limit);
    int done = 0;
    int failed = 0;
    for (int from = 0; from < limit; from += batchSize) {
      List<EvalItem> batch = todo.subList(from, Math.min(limit, from + batchSize));
      evaluate.runItems(batch);
      Set<String> nowMeasured = evaluate.measuredKeys();
      mark(grid.name(), batch, nowMeasured);
      for (EvalItem i : batch) {
        if (nowMeasured.contains(key(i))) {
          done++;
        } else {
          failed++;
        }
      }
      log.printf("[sweep %s] %d/%d items run%n", grid.name(), from + batch.size(), limit);
    }
    return new int[] {done, failed, todo.size() - limit};
  }

  private void register(String sweep, List<EvalItem> items) {
    List<Row> rows = new ArrayList<>();
    Timestamp now = new Timestamp(System.currentTimeMillis());
    for (EvalItem i : items) {
      rows.add(row(sweep, i, "PENDING", null, now));
    }
    store.insertNew(Tables.SWEEP_ITEMS, spark.createDataFrame(rows, EvalSchemas.SWEEP_ITEMS));
  }

  /** Marks each item DONE when its metrics are committed ({@code measured} holds its key), else FAILED. */
  private void mark(String sweep, List<EvalItem> items, Set<String> measured) {
    if (items.isEmpty()) {
      return;
    }
    List<Row> rows = new ArrayList<>();
    Timestamp now = new Timestamp(System.currentTimeMillis());
    for (EvalItem i : items) {
      boolean ok = measured.contains(key(i));
      rows.add(row(sweep, i, ok ? "DONE" : "FAILED", ok ? null : "see the quarantine table", now));
    }
    store.upsert(Tables.SWEEP_ITEMS, spark.createDataFrame(rows, EvalSchemas.SWEEP_ITEMS));
  }

  private static Row row(String sweep, EvalItem i, String status, String error, Timestamp at) {
    return RowFactory.create(sweep, i.identity(), i.clip(), i.edit(), i.config().method(), i.config().hash(),
        i.config().canonical(), status, error, at);
  }

  private static String key(EvalItem i) {
    return key(i.identity(), i.clip(), i.edit(), i.config().hash());
  }

  private static String key(String identity, String clip, String edit, String hash) {
    return EvaluateJob.key(identity, clip, edit, hash);
  }
}
