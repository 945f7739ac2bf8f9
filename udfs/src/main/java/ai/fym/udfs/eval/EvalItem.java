package ai.fym.udfs.eval;

import ai.fym.engine.geom.Box;
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
 * One evaluation work item: correct one clip's edit with one method configuration, then measure it.
 * Carries what the executor needs: the source and edited uris, the shot starts from ingest and the
 * main face box per frame (for the landmark metric and {@code fym}'s face window), for {@code trajectory-warp}
 * and {@code fym} the uris of the stored trajectory fields by shot start (empty otherwise; a shot without one is
 * trained on demand) and, for {@code fym}, the uris of the identity's stored base denoisers by base-settings hash
 * (empty otherwise; without one the corrector trains a base on the shot).
 */
public record EvalItem(String identity, String clip, String edit, MethodConfig config, String sourceUri,
    String editedUri, List<Integer> shotStarts, Map<Integer, Box> faceBoxes, Map<Integer, String> fieldUris,
    Map<String, String> denoiserUris) implements Serializable {

  public static final StructType SCHEMA = new StructType()
      .add("identity", DataTypes.StringType, false)
      .add("clip", DataTypes.StringType, false)
      .add("edit", DataTypes.StringType, false)
      .add("config", DataTypes.StringType, false)
      .add("source_uri", DataTypes.StringType, false)
      .add("edited_uri", DataTypes.StringType, false)
      .add("shot_starts", DataTypes.createArrayType(DataTypes.IntegerType), false)
      .add("face_boxes", FaceBoxes.TYPE, false)
      .add("field_uris", DataTypes.createMapType(DataTypes.IntegerType, DataTypes.StringType), false)
      .add("denoiser_uris", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType), false);

  public Row toRow() {
    return RowFactory.create(identity, clip, edit, config.canonical(), sourceUri, editedUri,
        CollectionConverters.asScala(shotStarts).toSeq(), FaceBoxes.toColumn(faceBoxes),
        CollectionConverters.asScala(new TreeMap<>(fieldUris)),
        CollectionConverters.asScala(new TreeMap<>(denoiserUris)));
  }

  public static EvalItem fromRow(Row r) {
    return new EvalItem(r.getString(0), r.getString(1), r.getString(2), MethodConfig.parse(r.getString(3)),
        r.getString(4), r.getString(5), new ArrayList<>(r.<Integer>getList(6)),
        FaceBoxes.fromColumn(r.<Integer, scala.collection.Seq<Float>>getMap(7)),
        new TreeMap<>(CollectionConverters.asJava(r.<Integer, String>getMap(8))),
        new TreeMap<>(CollectionConverters.asJava(r.<String, String>getMap(9))));
  }
}
