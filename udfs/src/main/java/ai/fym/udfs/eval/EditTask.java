package ai.fym.udfs.eval;

import java.io.Serializable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * One edit to produce: a clip's source and either a built-in editor name (with its seed) or the uri
 * of the user's edited video ({@code external} non-null) to align and store.
 */
public record EditTask(String identity, String clip, String sourceUri, String edit, String external, long seed)
    implements Serializable {

  public static final StructType SCHEMA = new StructType()
      .add("identity", DataTypes.StringType, false)
      .add("clip", DataTypes.StringType, false)
      .add("source_uri", DataTypes.StringType, false)
      .add("edit", DataTypes.StringType, false)
      .add("external", DataTypes.StringType, true)
      .add("seed", DataTypes.LongType, false);

  public Row toRow() {
    return RowFactory.create(identity, clip, sourceUri, edit, external, seed);
  }

  public static EditTask fromRow(Row r) {
    return new EditTask(r.getString(0), r.getString(1), r.getString(2), r.getString(3), r.getString(4),
        r.getLong(5));
  }
}
