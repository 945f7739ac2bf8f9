package ai.fym.udfs.diffusion;

import ai.fym.engine.geom.Box;
import ai.fym.udfs.eval.FaceBoxes;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * One {@code denoisers} work item: train the base denoiser of one identity (the clips table's identity) under one
 * base setting ({@code baseHash}). It carries the clips to train on, each with what the executor needs to build
 * its shots: the source uri, the shot starts from ingest, how many leading frames to use (the driver caps the
 * training data), the main face box per frame and the stored trajectory fields by shot start (a shot without one
 * gets a field trained on demand). {@code inputFingerprint} changes when a clip or the field settings change; it
 * names the checkpoint, so a changed input never resumes from an old one.
 */
public record DenoiserItem(String identity, String baseHash, String inputFingerprint, List<Clip> clips)
    implements Serializable {

  /** One clip: frames {@code [0, frames)} are split at {@code shotStarts} into training shots. */
  public record Clip(String clip, String sourceUri, List<Integer> shotStarts, int frames, Map<Integer, Box> faceBoxes,
      Map<Integer, String> fieldUris) implements Serializable {}

  private static final StructType CLIP = new StructType()
      .add("clip", DataTypes.StringType, false)
      .add("source_uri", DataTypes.StringType, false)
      .add("shot_starts", DataTypes.createArrayType(DataTypes.IntegerType), false)
      .add("frames", DataTypes.IntegerType, false)
      .add("face_boxes", FaceBoxes.TYPE, false)
      .add("field_uris", DataTypes.createMapType(DataTypes.IntegerType, DataTypes.StringType), false);

  public static final StructType SCHEMA = new StructType()
      .add("identity", DataTypes.StringType, false)
      .add("base_hash", DataTypes.StringType, false)
      .add("input_fingerprint", DataTypes.StringType, false)
      .add("clips", DataTypes.createArrayType(CLIP), false);

  /** The artifact path of the denoiser under the output root, without extension. */
  public String artifactBase() {
    return "denoisers/" + identity + "/" + baseHash;
  }

  /** The checkpoint path under the output root: the artifact base plus the input fingerprint's first 12 digits. */
  public String checkpoint() {
    return artifactBase() + "-" + inputFingerprint.substring(0, Math.min(12, inputFingerprint.length())) + ".ckpt";
  }

  public Row toRow() {
    List<Row> rows = new ArrayList<>();
    for (Clip c : clips) {
      rows.add(RowFactory.create(c.clip(), c.sourceUri(), CollectionConverters.asScala(c.shotStarts()).toSeq(),
          c.frames(), FaceBoxes.toColumn(c.faceBoxes()), CollectionConverters.asScala(new TreeMap<>(c.fieldUris()))));
    }
    return RowFactory.create(identity, baseHash, inputFingerprint, CollectionConverters.asScala(rows).toSeq());
  }

  public static DenoiserItem fromRow(Row r) {
    List<Clip> clips = new ArrayList<>();
    for (Row c : r.<Row>getList(3)) {
      clips.add(new Clip(c.getString(0), c.getString(1), new ArrayList<>(c.<Integer>getList(2)), c.getInt(3),
          FaceBoxes.fromColumn(c.<Integer, scala.collection.Seq<Float>>getMap(4)),
          new TreeMap<>(CollectionConverters.asJava(c.<Integer, String>getMap(5)))));
    }
    return new DenoiserItem(r.getString(0), r.getString(1), r.getString(2), clips);
  }
}
