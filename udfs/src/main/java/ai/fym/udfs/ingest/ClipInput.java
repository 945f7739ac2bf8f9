package ai.fym.udfs.ingest;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * One clip to ingest, as discovered by the driver: its identity and clip names, source uri, a cheap
 * fingerprint (size and modification time) that decides whether a rerun must process it again,
 * whether the manifest names the identity as the clip's single subject, and the edited-video uris
 * registered for it by edit name.
 */
public record ClipInput(String identity, String clip, String uri, long sizeBytes, long modifiedMillis,
    boolean subject, Map<String, String> edits) implements Serializable {

  public static final StructType SCHEMA = new StructType()
      .add("identity", DataTypes.StringType, false)
      .add("clip", DataTypes.StringType, false)
      .add("uri", DataTypes.StringType, false)
      .add("size_bytes", DataTypes.LongType, false)
      .add("modified_millis", DataTypes.LongType, false)
      .add("subject", DataTypes.BooleanType, false)
      .add("edits", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType), false);

  public ClipInput {
    edits = Map.copyOf(edits);
  }

  /** Size and modification time: equal fingerprints mean the clip need not be read again. */
  public String fingerprint() {
    return sizeBytes + ":" + modifiedMillis;
  }

  public Row toRow() {
    return RowFactory.create(identity, clip, uri, sizeBytes, modifiedMillis, subject,
        CollectionConverters.asScala(new TreeMap<>(edits)));
  }

  public static ClipInput fromRow(Row r) {
    Map<String, String> edits = CollectionConverters.asJava(r.<String, String>getMap(6));
    return new ClipInput(r.getString(0), r.getString(1), r.getString(2), r.getLong(3), r.getLong(4),
        r.getBoolean(5), edits);
  }
}
