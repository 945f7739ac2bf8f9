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
 * main face box per frame (for the landmark metric) and, for {@code trajectory-warp}, the uris of the stored
 * trajectory fields by shot start (empty otherwise; a shot without one is trained on demand).
 */
public record EvalItem(String identity, String clip, String edit, MethodConfig config, String sourceUri,
    String editedUri, List<Integer> shotStarts, Map<Integer, Box> faceBoxes, Map<Integer, String> fieldUris)
    implements Serializable {

  public static final StructType SCHEMA = new StructType()
      .add("identity", DataTypes.StringType, false)
      .add("clip", DataTypes.StringType, false)
      .add("edit", DataTypes.StringType, false)
      .add("config", DataTypes.StringType, false)
      .add("source_uri", DataTypes.StringType, false)
      .add("edited_uri", DataTypes.StringType, false)
      .add("shot_starts", DataTypes.createArrayType(DataTypes.IntegerType), false)
      .add("face_boxes", DataTypes.createMapType(DataTypes.IntegerType,
          DataTypes.createArrayType(DataTypes.FloatType)), false)
      .add("field_uris", DataTypes.createMapType(DataTypes.IntegerType, DataTypes.StringType), false);

  public Row toRow() {
    Map<Integer, scala.collection.Seq<Float>> boxes = new TreeMap<>();
    faceBoxes.forEach((f, b) -> boxes.put(f,
        CollectionConverters.asScala(List.of(b.x(), b.y(), b.width(), b.height())).toSeq()));
    return RowFactory.create(identity, clip, edit, config.canonical(), sourceUri, editedUri,
        CollectionConverters.asScala(shotStarts).toSeq(), CollectionConverters.asScala(boxes),
        CollectionConverters.asScala(new TreeMap<>(fieldUris)));
  }

  public static EvalItem fromRow(Row r) {
    Map<Integer, Box> boxes = new TreeMap<>();
    Map<Integer, scala.collection.Seq<Float>> raw = CollectionConverters.asJava(
        r.<Integer, scala.collection.Seq<Float>>getMap(7));
    raw.forEach((f, v) -> {
      List<Float> b = CollectionConverters.asJava(v);
      boxes.put(f, new Box(b.get(0), b.get(1), b.get(2), b.get(3)));
    });
    return new EvalItem(r.getString(0), r.getString(1), r.getString(2), MethodConfig.parse(r.getString(3)),
        r.getString(4), r.getString(5), new ArrayList<>(r.<Integer>getList(6)), boxes,
        new TreeMap<>(CollectionConverters.asJava(r.<Integer, String>getMap(8))));
  }
}
