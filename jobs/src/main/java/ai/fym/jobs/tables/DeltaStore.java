package ai.fym.jobs.tables;

import io.delta.tables.DeltaTable;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaConcurrentModificationException;

/**
 * The project's Delta tables under {@code <out>/tables/<name>}: path-based so that a local folder
 * and an {@code s3a://} root behave the same. All writes go through keyed MERGEs on the driver, and are
 * idempotent, so a write that lost a race with another job's commit (Delta's optimistic concurrency) is simply
 * run again against the new snapshot: two jobs on different identities both commit.
 */
public final class DeltaStore {
  /** Attempts of one write against concurrent commits of other jobs. */
  private static final int COMMIT_TRIES = 10;

  private final SparkSession spark;
  private final String root;

  public DeltaStore(SparkSession spark, String outRoot) {
    this.spark = spark;
    this.root = outRoot.replaceAll("/+$", "");
  }

  /** The output root the tables lie under. */
  public String root() {
    return root;
  }

  public String path(TableDef t) {
    return root + "/tables/" + t.name();
  }

  public boolean exists(TableDef t) {
    return DeltaTable.isDeltaTable(spark, path(t));
  }

  /** The table's rows, or an empty frame of its schema when it does not exist yet. */
  public Dataset<Row> read(TableDef t) {
    return exists(t) ? spark.read().format("delta").load(path(t)) : spark.createDataFrame(List.of(), t.schema());
  }

  /** Inserts rows whose key is not in the table yet; returns how many were inserted. No-op when none. */
  public long insertNew(TableDef t, Dataset<Row> rows) {
    return retrying(() -> insertNewOnce(t, rows));
  }

  private long insertNewOnce(TableDef t, Dataset<Row> rows) {
    Dataset<Row> aligned = rows.selectExpr(t.schema().fieldNames());
    if (!exists(t)) {
      Dataset<Row> distinct = aligned.dropDuplicates(t.keys().toArray(String[]::new));
      long n = distinct.count();
      if (n > 0) {
        distinct.write().format("delta").mode("append").save(path(t));
      }
      return n;
    }
    Dataset<Row> fresh = aligned.dropDuplicates(t.keys().toArray(String[]::new))
        .join(read(t).select(t.keys().stream().map(org.apache.spark.sql.functions::col)
            .toArray(org.apache.spark.sql.Column[]::new)), asScala(t.keys()), "left_anti");
    long n = fresh.count();
    if (n > 0) {
      DeltaTable.forPath(spark, path(t)).as("t").merge(fresh.as("s"), keyCondition(t))
          .whenNotMatched().insertAll().execute();
    }
    return n;
  }

  /** Inserts new keys and replaces the rows of existing keys. */
  public void upsert(TableDef t, Dataset<Row> rows) {
    retrying(() -> {
      upsertOnce(t, rows);
      return 0L;
    });
  }

  private void upsertOnce(TableDef t, Dataset<Row> rows) {
    Dataset<Row> aligned = rows.selectExpr(t.schema().fieldNames()).dropDuplicates(t.keys().toArray(String[]::new));
    if (!exists(t)) {
      aligned.write().format("delta").mode("append").save(path(t));
      return;
    }
    DeltaTable.forPath(spark, path(t)).as("t").merge(aligned.as("s"), keyCondition(t))
        .whenMatched().updateAll().whenNotMatched().insertAll().execute();
  }

  /** Deletes the rows matching a SQL condition, when the table exists. */
  public void delete(TableDef t, String condition) {
    retrying(() -> {
      if (exists(t)) {
        DeltaTable.forPath(spark, path(t)).delete(condition);
      }
      return 0L;
    });
  }

  /**
   * Runs an idempotent write, again when a concurrent commit made it conflict (up to {@link #COMMIT_TRIES} times,
   * with a growing pause): the write reads the table afresh each time.
   */
  private static long retrying(java.util.function.LongSupplier write) {
    for (int attempt = 1; ; attempt++) {
      try {
        return write.getAsLong();
      } catch (DeltaConcurrentModificationException e) {
        if (attempt >= COMMIT_TRIES) {
          throw e;
        }
        try {
          Thread.sleep(200L * attempt + (long) (Math.random() * 200));
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  /** Registers every existing table as a temporary view under its name, for {@code fym sql}. */
  public List<String> registerViews() {
    return Tables.ALL.stream().filter(this::exists).map(t -> {
      read(t).createOrReplaceTempView(t.name());
      return t.name();
    }).collect(Collectors.toList());
  }

  /** A string as a quoted Spark SQL literal, for delete conditions built from names. */
  public static String quote(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  private static String keyCondition(TableDef t) {
    return t.keys().stream().map(k -> "t." + k + " = s." + k).collect(Collectors.joining(" AND "));
  }

  private static scala.collection.immutable.Seq<String> asScala(List<String> keys) {
    return scala.jdk.javaapi.CollectionConverters.asScala(keys).toList();
  }
}
