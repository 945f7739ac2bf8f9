package ai.fym.jobs.spark;

import static org.apache.spark.sql.functions.col;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The two shapes every stage shares: work items spread over a chosen number of partitions without a
 * shuffle (one item per task by default), and the union rows an executor function returns, tagged by
 * {@code kind}, split back into one table's rows.
 */
public final class WorkRows {
  private WorkRows() {}

  /** The rows as a DataFrame of {@code partitions} partitions. */
  public static Dataset<Row> distribute(SparkSession spark, List<Row> rows, StructType schema, int partitions) {
    return spark.createDataFrame(spark.sparkContext().parallelize(CollectionConverters.asScala(rows).toSeq(),
        partitions, scala.reflect.ClassTag$.MODULE$.apply(Row.class)), schema);
  }

  /** The rows of one kind of a union output, as that kind's columns. */
  public static Dataset<Row> part(Dataset<Row> union, String kind) {
    return union.where(col("kind").equalTo(kind)).select(kind + ".*");
  }
}
