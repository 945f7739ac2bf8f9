package ai.fym.udfs.trajectory;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * One trajectory work item: train the field of one shot of one clip. {@code shot} is the shot's first clip
 * frame (the key evaluation looks fields up by), {@code frames} how many frames it has. For region {@code frame}
 * the executor decodes those frames from the source; for {@code face} the shot's main face track's 256 px crops
 * come with the item ({@code crops}, PNG, in frame order; {@code track} names the track). {@code fingerprint} is
 * the clip's ingest fingerprint: it names the checkpoint, so a re-ingested (changed) clip never resumes from a
 * checkpoint of its old content.
 */
public record TrajectoryItem(String identity, String clip, int shot, int frames, String region, String sourceUri,
    String fingerprint, Integer track, List<byte[]> crops) implements Serializable {

  public static final String FRAME = "frame";
  public static final String FACE = "face";

  public static final StructType SCHEMA = new StructType()
      .add("identity", DataTypes.StringType, false)
      .add("clip", DataTypes.StringType, false)
      .add("shot", DataTypes.IntegerType, false)
      .add("frames", DataTypes.IntegerType, false)
      .add("region", DataTypes.StringType, false)
      .add("source_uri", DataTypes.StringType, false)
      .add("fingerprint", DataTypes.StringType, false)
      .add("track", DataTypes.IntegerType, true)
      .add("crops", DataTypes.createArrayType(DataTypes.BinaryType), true);

  /**
   * The artifact path of this item's field under the output root, without extension:
   * {@code trajectories/<identity>/<clip>/shot-<start>-<settings hash>} (plus {@code .face} for face fields).
   */
  public String artifactBase(String settingsHash) {
    return "trajectories/" + identity + "/" + clip + "/shot-" + shot + "-" + settingsHash
        + (FACE.equals(region) ? ".face" : "");
  }

  /**
   * The checkpoint path under the output root: the artifact base plus the first 12 hex digits of the sha256 of
   * the clip's fingerprint.
   */
  public String checkpoint(String settingsHash) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(fingerprint.getBytes(StandardCharsets.UTF_8));
      return artifactBase(settingsHash) + "-" + HexFormat.of().formatHex(digest).substring(0, 12) + ".ckpt";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public Row toRow() {
    return RowFactory.create(identity, clip, shot, frames, region, sourceUri, fingerprint, track,
        crops == null ? null : CollectionConverters.asScala(crops).toSeq());
  }

  public static TrajectoryItem fromRow(Row r) {
    return new TrajectoryItem(r.getString(0), r.getString(1), r.getInt(2), r.getInt(3), r.getString(4),
        r.getString(5), r.getString(6), r.isNullAt(7) ? null : r.getInt(7),
        r.isNullAt(8) ? null : new ArrayList<>(r.getList(8)));
  }
}
