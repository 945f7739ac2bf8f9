package ai.fym.udfs.diffusion;

import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.FloatType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import ai.fym.udfs.ingest.IngestSchemas;
import ai.fym.udfs.ledger.StageRun;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Row layout of the {@code denoisers} table: one base denoiser per (identity, base-settings hash). {@code settings}
 * is the canonical base settings whose sha256 prefix is {@code base_hash}; {@code field_hash} the trajectory
 * settings of the fields it was conditioned on; {@code clips} and {@code frames} the training data;
 * {@code landmark_weights} the final 68 attention weights (all 1 when none was updated) and
 * {@code weight_history} each update's step followed by the 68 weights.
 */
public final class DenoiserSchemas {
  private DenoiserSchemas() {}

  public static final StructType DENOISERS = new StructType()
      .add("identity", StringType, false)
      .add("base_hash", StringType, false)
      .add("settings", StringType, false)
      .add("field_hash", StringType, false)
      .add("input_fingerprint", StringType, false)
      .add("uri", StringType, false)
      .add("sha256", StringType, false)
      .add("steps", IntegerType, false)
      .add("resumed_from", IntegerType, false)
      .add("loss", DoubleType, true)
      .add("train_seconds", DoubleType, false)
      .add("parameters", IntegerType, false)
      .add("clips", IntegerType, false)
      .add("frames", IntegerType, false)
      .add("landmark_weights", DataTypes.createArrayType(FloatType), false)
      .add("weight_history", DataTypes.createArrayType(DataTypes.createArrayType(FloatType)), false)
      .add("created_at", TimestampType, false);

  /** Union of a denoisers row, a quarantine row and a {@code stage_runs} row, tagged by kind. */
  public static final StructType OUTPUT = new StructType()
      .add("kind", StringType, false)
      .add("denoiser", DENOISERS, true)
      .add("quarantine", IngestSchemas.QUARANTINE, true)
      .add("run", StageRun.SCHEMA, true);
}
