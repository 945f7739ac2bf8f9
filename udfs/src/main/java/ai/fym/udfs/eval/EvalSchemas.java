package ai.fym.udfs.eval;

import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import org.apache.spark.sql.types.StructType;

/**
 * Row layouts of the evaluation tables: edited clips, corrected videos, their metrics (one row per
 * clip, edit, method and configuration, plus per-frame curves), sweep work items and quality-gate
 * verdicts. {@code identity} is the clip's identity as in {@code clips}.
 */
public final class EvalSchemas {
  private EvalSchemas() {}

  /** An edited clip stored full-frame and losslessly under the output root. */
  public static final StructType EDITS = new StructType()
      .add("identity", StringType, false)
      .add("clip", StringType, false)
      .add("edit", StringType, false)
      .add("source", StringType, false)
      .add("origin", StringType, true)
      .add("uri", StringType, false)
      .add("frames", LongType, false)
      .add("width", IntegerType, false)
      .add("height", IntegerType, false)
      .add("seconds", DoubleType, false)
      .add("created_at", TimestampType, false);

  /** A corrected video (H.264 mp4, source resolution) of one method and configuration. */
  public static final StructType CORRECTED = new StructType()
      .add("identity", StringType, false)
      .add("clip", StringType, false)
      .add("edit", StringType, false)
      .add("method", StringType, false)
      .add("config_hash", StringType, false)
      .add("config", StringType, false)
      .add("uri", StringType, false)
      .add("frames", LongType, false)
      .add("seconds", DoubleType, false)
      .add("created_at", TimestampType, false);

  public static final StructType METRICS = new StructType()
      .add("identity", StringType, false)
      .add("clip", StringType, false)
      .add("edit", StringType, false)
      .add("method", StringType, false)
      .add("config_hash", StringType, false)
      .add("frames", LongType, false)
      .add("warp_short", DoubleType, true)
      .add("warp_long", DoubleType, true)
      .add("motion_error", DoubleType, true)
      .add("landmark_error", DoubleType, true)
      .add("flicker", DoubleType, true)
      .add("edit_fidelity", DoubleType, true)
      .add("psnr", DoubleType, true)
      .add("ssim", DoubleType, true)
      .add("seconds", DoubleType, false)
      .add("evaluated_at", TimestampType, false);

  public static final StructType METRIC_FRAMES = new StructType()
      .add("identity", StringType, false)
      .add("clip", StringType, false)
      .add("edit", StringType, false)
      .add("method", StringType, false)
      .add("config_hash", StringType, false)
      .add("frame_index", IntegerType, false)
      .add("shot", IntegerType, false)
      .add("warp_short", DoubleType, true)
      .add("warp_long", DoubleType, true)
      .add("luma_delta", DoubleType, true)
      .add("psnr", DoubleType, true);

  /** A sweep's work item; status PENDING, DONE or FAILED. */
  public static final StructType SWEEP_ITEMS = new StructType()
      .add("sweep", StringType, false)
      .add("identity", StringType, false)
      .add("clip", StringType, false)
      .add("edit", StringType, false)
      .add("method", StringType, false)
      .add("config_hash", StringType, false)
      .add("config", StringType, false)
      .add("status", StringType, false)
      .add("error", StringType, true)
      .add("updated_at", TimestampType, false);

  /** A quality-gate verdict: PASS or REJECT with the failed thresholds, or REFERENCE for the unedited source. */
  public static final StructType QC = new StructType()
      .add("identity", StringType, false)
      .add("clip", StringType, false)
      .add("edit", StringType, false)
      .add("method", StringType, false)
      .add("config_hash", StringType, false)
      .add("verdict", StringType, false)
      .add("reasons", StringType, true)
      .add("checked_at", TimestampType, false);
}
