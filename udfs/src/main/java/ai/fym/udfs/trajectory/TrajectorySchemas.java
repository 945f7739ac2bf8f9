package ai.fym.udfs.trajectory;

import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import ai.fym.udfs.ingest.IngestSchemas;
import ai.fym.udfs.ledger.StageRun;
import org.apache.spark.sql.types.StructType;

/**
 * Row layout of the {@code trajectories} table: one trained field per (clip, shot, region, settings). {@code shot}
 * is the shot's first clip frame; {@code config} the canonical settings whose sha256 prefix is
 * {@code config_hash}; {@code resumed_from} the checkpoint step training resumed from (0: from scratch).
 */
public final class TrajectorySchemas {
  private TrajectorySchemas() {}

  public static final StructType TRAJECTORIES = new StructType()
      .add("identity", StringType, false)
      .add("clip", StringType, false)
      .add("shot", IntegerType, false)
      .add("frames", IntegerType, false)
      .add("region", StringType, false)
      .add("track", IntegerType, true)
      .add("config_hash", StringType, false)
      .add("config", StringType, false)
      .add("uri", StringType, false)
      .add("steps", IntegerType, false)
      .add("resumed_from", IntegerType, false)
      .add("loss", DoubleType, true)
      .add("photometric_error", DoubleType, true)
      .add("train_seconds", DoubleType, false)
      .add("updated_at", TimestampType, false);

  /** Union of a trajectories row, a quarantine row and a {@code stage_runs} row, tagged by kind. */
  public static final StructType OUTPUT = new StructType()
      .add("kind", StringType, false)
      .add("trajectory", TRAJECTORIES, true)
      .add("quarantine", IngestSchemas.QUARANTINE, true)
      .add("run", StageRun.SCHEMA, true);
}
