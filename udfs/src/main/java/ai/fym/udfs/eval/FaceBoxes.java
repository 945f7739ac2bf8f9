package ai.fym.udfs.eval;

import ai.fym.engine.geom.Box;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The main face box per clip frame as a Spark column ({@code map<int, array<float>>}: x, y, width, height), the
 * form evaluation and denoiser work items carry it in.
 */
public final class FaceBoxes {
  /** The column type. */
  public static final DataType TYPE = DataTypes.createMapType(DataTypes.IntegerType,
      DataTypes.createArrayType(DataTypes.FloatType));

  private FaceBoxes() {}

  /** The boxes as a Scala map, for a row. */
  public static scala.collection.Map<Integer, scala.collection.Seq<Float>> toColumn(Map<Integer, Box> boxes) {
    Map<Integer, scala.collection.Seq<Float>> out = new TreeMap<>();
    boxes.forEach((f, b) -> out.put(f,
        CollectionConverters.asScala(List.of(b.x(), b.y(), b.width(), b.height())).toSeq()));
    return CollectionConverters.asScala(out);
  }

  /** The boxes of a column value. */
  public static Map<Integer, Box> fromColumn(scala.collection.Map<Integer, scala.collection.Seq<Float>> column) {
    Map<Integer, Box> boxes = new TreeMap<>();
    CollectionConverters.asJava(column).forEach((f, v) -> {
      List<Float> b = CollectionConverters.asJava(v);
      boxes.put(f, new Box(b.get(0), b.get(1), b.get(2), b.get(3)));
    });
    return boxes;
  }
}
