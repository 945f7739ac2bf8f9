package ai.fym.udfs.avatar;

import static org.apache.spark.sql.types.DataTypes.BinaryType;
import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;
import static org.apache.spark.sql.types.DataTypes.FloatType;

import ai.fym.engine.avatar.AvatarFrame;
import ai.fym.engine.image.ImageCodec;
import ai.fym.engine.landmarks.Landmarks68;
import ai.fym.udfs.ingest.IngestSchemas;
import ai.fym.udfs.ledger.StageRun;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Row layouts of the avatars stage. {@code avatars}: one trained avatar per identity, with the fingerprint of the
 * frames it was trained on ({@code input_fingerprint}) and the settings ({@code config}, hashed in
 * {@code config_hash}). {@code renders}: every face frame of the identity rendered from its landmarks, scored
 * against its crop, with the correspondence file of its shot ({@code correspondence_uri}, frame t -> the
 * identity's first frame in that shot). {@code render_warp_short} and {@code source_warp_short} are the short warp
 * errors (x1000, the harness's metric) of the renders and of the source crops, both aligned by the source's motion.
 */
public final class AvatarSchemas {
  private AvatarSchemas() {}

  public static final StructType AVATARS = new StructType()
      .add("identity", StringType, false)
      .add("input_fingerprint", StringType, false)
      .add("config_hash", StringType, false)
      .add("config", StringType, false)
      .add("uri", StringType, false)
      .add("resolution", IntegerType, false)
      .add("gaussians", IntegerType, false)
      .add("frames", IntegerType, false)
      .add("held_out_frames", IntegerType, false)
      .add("steps", IntegerType, false)
      .add("resumed_from", IntegerType, false)
      .add("train_seconds", DoubleType, false)
      .add("held_out_psnr", DoubleType, true)
      .add("held_out_ssim", DoubleType, true)
      .add("render_warp_short", DoubleType, true)
      .add("source_warp_short", DoubleType, true)
      .add("updated_at", TimestampType, false);

  public static final StructType RENDERS = new StructType()
      .add("identity", StringType, false)
      .add("clip", StringType, false)
      .add("shot", IntegerType, false)
      .add("frame_index", IntegerType, false)
      .add("held_out", BooleanType, false)
      .add("config_hash", StringType, false)
      .add("render_png", BinaryType, false)
      .add("psnr", DoubleType, false)
      .add("ssim", DoubleType, false)
      .add("correspondence_uri", StringType, false);

  /** One face frame as it reaches the executor: the crop and its landmarks (crop pixels). */
  public static final StructType FRAME = new StructType()
      .add("clip", StringType, false)
      .add("frame_index", IntegerType, false)
      .add("shot", IntegerType, false)
      .add("crop_png", BinaryType, false)
      .add("landmarks", createArrayType(FloatType), false);

  /** A work item: one identity, the fingerprint of its frames, and the frames in (clip, frame) order. */
  public static final StructType ITEM = new StructType()
      .add("identity", StringType, false)
      .add("input_fingerprint", StringType, false)
      .add("frames", createArrayType(FRAME), false);

  /** The avatar frame of a row in {@link #FRAME} layout, at {@code resolution}. */
  public static AvatarFrame frame(Row r, int resolution) {
    List<Float> values = r.getList(4);
    float[] landmarks = new float[values.size()];
    for (int i = 0; i < landmarks.length; i++) {
      landmarks[i] = values.get(i);
    }
    return AvatarFrame.fromCrop(r.getString(0), r.getInt(2), r.getInt(1), ImageCodec.decode((byte[]) r.get(3)),
        new Landmarks68(landmarks), resolution);
  }

  /** Union of the rows the partition function emits, tagged by kind. */
  public static final StructType OUTPUT = new StructType()
      .add("kind", StringType, false)
      .add("avatar", AVATARS, true)
      .add("render", RENDERS, true)
      .add("quarantine", IngestSchemas.QUARANTINE, true)
      .add("run", StageRun.SCHEMA, true);
}
