package ai.fym.jobs.ledger;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import ai.fym.jobs.tables.DeltaStore;
import ai.fym.jobs.tables.Tables;
import ai.fym.udfs.ledger.StageRun;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Reads the {@code stage_runs} ledger (rows written by {@link StageRun} on the executors, upserted by each stage's
 * driver after its results): per stage, the items that succeeded, failed and needed a retry, and the failed items
 * with their errors. {@code bin/fym status} prints both.
 */
public final class Ledger {
  private final Dataset<Row> runs;

  /** The ledger of a store, narrowed to one stage and identity when they are not null. */
  public Ledger(DeltaStore store, String stage, String identity) {
    Dataset<Row> r = store.read(Tables.STAGE_RUNS);
    if (stage != null) {
      r = r.where(col("stage").equalTo(stage));
    }
    if (identity != null) {
      r = r.where(col("identity").equalTo(identity));
    }
    this.runs = r;
  }

  /** Per stage (in the order they first ran): items, succeeded, failed, retried, seconds, last finish. */
  public Dataset<Row> summary() {
    return runs.groupBy("stage").agg(count(lit(1)).as("items"), countOf(col("status").equalTo(StageRun.SUCCEEDED))
            .as("succeeded"), countOf(col("status").equalTo(StageRun.FAILED)).as("failed"),
            countOf(col("attempt").gt(0)).as("retried"), round(sum("seconds"), 1).as("seconds"),
            max("finished_at").as("last"), min("started_at").as("first"))
        .orderBy("first").drop("first");
  }

  /** The failed items, with the attempt and the error. */
  public Dataset<Row> failed() {
    return runs.where(col("status").equalTo(StageRun.FAILED)).select("stage", "identity", "item", "attempt", "error")
        .orderBy("stage", "identity", "item");
  }

  private static Column countOf(Column condition) {
    return sum(when(condition, 1).otherwise(0));
  }
}
