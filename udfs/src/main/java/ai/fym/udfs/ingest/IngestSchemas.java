package ai.fym.udfs.ingest;

import static org.apache.spark.sql.types.DataTypes.BinaryType;
import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.FloatType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;
import static org.apache.spark.sql.types.DataTypes.createMapType;

import ai.fym.udfs.ledger.StageRun;
import org.apache.spark.sql.types.StructType;

/**
 * Row layouts of the ingest tables, and of the union row that the ingest partition function
 * emits: one row per shot, track, frame, quarantine entry or clip, tagged by {@code kind}, so a
 * clip of any length streams through the executor without being held in memory.
 */
public final class IngestSchemas {
  private IngestSchemas() {}

  public static final String KIND_CLIP = "clip";
  public static final String KIND_SHOT = "shot";
  public static final String KIND_TRACK = "track";
  public static final String KIND_FRAME = "frame";
  public static final String KIND_QUARANTINE = "quarantine";
  public static final String KIND_RUN = "run";

  public static final String STATUS_INGESTED = "INGESTED";
  public static final String STATUS_QUARANTINED = "QUARANTINED";

  public static final StructType CLIPS = new StructType()
      .add("identity", StringType, false)
      .add("clip", StringType, false)
      .add("uri", StringType, false)
      .add("sha256", StringType, true)
      .add("fingerprint", StringType, false)
      .add("container", StringType, true)
      .add("codec", StringType, true)
      .add("width", IntegerType, true)
      .add("height", IntegerType, true)
      .add("fps", DoubleType, true)
      .add("frames", LongType, true)
      .add("duration", DoubleType, true)
      .add("shots", IntegerType, true)
      .add("tracks", IntegerType, true)
      .add("persons", createArrayType(StringType), true)
      .add("edits", createMapType(StringType, StringType), true)
      .add("status", StringType, false)
      .add("reason", StringType, true)
      .add("ingest_seconds", DoubleType, true)
      .add("ingested_at", TimestampType, false);

  public static final StructType SHOTS = new StructType()
      .add("identity", StringType, false)
      .add("clip", StringType, false)
      .add("shot", IntegerType, false)
      .add("start_frame", IntegerType, false)
      .add("end_frame", IntegerType, false)
      .add("frames", IntegerType, false)
      .add("start_time", DoubleType, false)
      .add("end_time", DoubleType, false);

  /** {@code identity} is the person group the track belongs to; {@code source_identity} the clip's. */
  public static final StructType TRACKS = new StructType()
      .add("identity", StringType, false)
      .add("source_identity", StringType, false)
      .add("clip", StringType, false)
      .add("track", IntegerType, false)
      .add("shot", IntegerType, false)
      .add("first_frame", IntegerType, false)
      .add("last_frame", IntegerType, false)
      .add("frames", IntegerType, false)
      .add("mean_score", FloatType, false)
      .add("mean_face_size", FloatType, false)
      .add("embedding", createArrayType(FloatType), true);

  public static final StructType FRAMES = new StructType()
      .add("identity", StringType, false)
      .add("source_identity", StringType, false)
      .add("clip", StringType, false)
      .add("shot", IntegerType, false)
      .add("track", IntegerType, false)
      .add("frame_index", IntegerType, false)
      .add("timestamp", DoubleType, false)
      .add("crop_png", BinaryType, false)
      .add("crop_transform", createArrayType(FloatType), false)
      .add("landmarks", createArrayType(FloatType), false)
      .add("detector_score", FloatType, false)
      .add("detector", StringType, false)
      .add("interpolated", BooleanType, false);

  public static final StructType QUARANTINE = new StructType()
      .add("input", StringType, false)
      .add("identity", StringType, true)
      .add("clip", StringType, true)
      .add("stage", StringType, false)
      .add("reason", StringType, false)
      .add("detail", StringType, false)
      .add("fingerprint", StringType, false)
      .add("quarantined_at", TimestampType, false);

  /** The union row emitted by the partition function. */
  public static final StructType OUTPUT = new StructType()
      .add("kind", StringType, false)
      .add(KIND_CLIP, CLIPS, true)
      .add(KIND_SHOT, SHOTS, true)
      .add(KIND_TRACK, TRACKS, true)
      .add(KIND_FRAME, FRAMES, true)
      .add(KIND_QUARANTINE, QUARANTINE, true)
      .add(KIND_RUN, StageRun.SCHEMA, true);
}
