package ai.fym.udfs.testing;

import org.apache.spark.sql.SparkSession;

/**
 * The one shared {@code local[2]} Spark session of a test JVM, with Delta enabled, created on first
 * use and stopped when the JVM exits. Integration tests extend this class and keep their data tiny. A task
 * gets two attempts ({@code local[2,2]}), as on a cluster, so fault-injection tests can watch a retry succeed.
 */
public abstract class SparkTestBase {
  private static SparkSession spark;

  protected static synchronized SparkSession spark() {
    if (spark == null) {
      spark = SparkSession.builder().master("local[2,2]").appName("fym-tests")
          .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
          .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
          .config("spark.ui.enabled", "false")
          .config("spark.sql.shuffle.partitions", "2")
          .config("spark.default.parallelism", "2")
          .config("spark.databricks.delta.snapshotPartitions", "2")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .getOrCreate();
      spark.sparkContext().setLogLevel("WARN");
      Runtime.getRuntime().addShutdownHook(new Thread(spark::stop));
    }
    return spark;
  }
}
