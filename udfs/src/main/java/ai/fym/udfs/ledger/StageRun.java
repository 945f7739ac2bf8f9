package ai.fym.udfs.ledger;

import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import ai.fym.engine.errors.FymException;
import ai.fym.udfs.io.ArtifactStore;
import java.sql.Timestamp;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;

/**
 * A row of the {@code stage_runs} ledger: how one work item of one stage ended, written by the executor that ran it
 * and committed by the driver next to the stage's results. Key: (stage, identity, item, input_fingerprint), so a
 * rerun's row replaces a FAILED one and a changed input (new clip content, new settings) gets a row of its own.
 * {@code attempt} is the Spark task attempt that produced the row (0: the first), {@code artifact_uri} and
 * {@code sha256} name the artifact the result row references. A new stage joins by emitting {@link #succeeded} or
 * {@link #failed} rows in its union output and upserting them (docs/RELIABILITY.md, "A new stage").
 */
public final class StageRun {
  private StageRun() {}

  public static final String SUCCEEDED = "SUCCEEDED";
  public static final String FAILED = "FAILED";

  public static final StructType SCHEMA = new StructType()
      .add("stage", StringType, false)
      .add("identity", StringType, false)
      .add("item", StringType, false)
      .add("input_fingerprint", StringType, false)
      .add("status", StringType, false)
      .add("attempt", IntegerType, false)
      .add("artifact_uri", StringType, true)
      .add("sha256", StringType, true)
      .add("started_at", TimestampType, false)
      .add("finished_at", TimestampType, false)
      .add("seconds", DoubleType, false)
      .add("error", StringType, true);

  /** The item ended with its result; {@code artifact} may be null for a stage that stores none. */
  public static Row succeeded(String stage, String identity, String item, String fingerprint, long startedMillis,
      ArtifactStore.Artifact artifact) {
    return row(stage, identity, item, fingerprint, SUCCEEDED, startedMillis,
        artifact == null ? null : artifact.uri(), artifact == null ? null : artifact.sha256(), null);
  }

  /** The item failed with a clear error (its quarantine row says the same). */
  public static Row failed(String stage, String identity, String item, String fingerprint, long startedMillis,
      FymException error) {
    return row(stage, identity, item, fingerprint, FAILED, startedMillis, null, null,
        error.reason().name() + ": " + error.getMessage());
  }

  private static Row row(String stage, String identity, String item, String fingerprint, String status,
      long startedMillis, String uri, String sha256, String error) {
    TaskContext task = TaskContext.get();
    long now = System.currentTimeMillis();
    return RowFactory.create(stage, identity, item, fingerprint, status, task == null ? 0 : task.attemptNumber(),
        uri, sha256, new Timestamp(startedMillis), new Timestamp(now), (now - startedMillis) / 1e3, error);
  }
}
