package ai.fym.jobs.spark;

import ai.fym.engine.config.FymConfig;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.SparkSession;

/**
 * Creates the Spark session every command runs in: Delta Lake enabled, the master from
 * configuration (a {@code spark-submit} master wins), quiet UI-less local defaults, every
 * {@code spark.*} key of the configuration applied, and on a cluster the executors' DJL and BLAS threads.
 */
public final class Sessions {
  private Sessions() {}

  public static SparkSession create(FymConfig config, String appName) {
    SparkSession.Builder b = SparkSession.builder().appName(appName)
        .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "8")
        .config("spark.executor.heartbeatInterval", "2s")
        .config("spark.databricks.delta.snapshotPartitions", "2")
        .config("spark.speculation", "false")
        .config("spark.sql.debug.maxToStringFields", "200");
    if (System.getProperty("spark.master") == null) {
      b.master(config.get(FymConfig.MASTER));
    }
    config.sparkSettings().forEach(b::config);
    if (!isLocal(config)) {
      executorThreads(config).forEach(b::config);
    }
    SparkSession spark = b.getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    return spark;
  }

  /** Whether Spark runs in this JVM ({@code local[...]}), where no executor settings or resource profiles apply. */
  public static boolean isLocal(FymConfig config) {
    return System.getProperty("spark.master", config.get(FymConfig.MASTER)).startsWith("local");
  }

  /**
   * Executor settings that give each task {@code fym.executor.threads} DJL (PyTorch intra-op) and BLAS/OpenMP
   * threads (default: {@code spark.task.cpus}), so the tasks of one executor together use its cores and no more.
   * OpenMP and OpenBLAS read their environment; DJL its system properties, appended to the executor's options.
   */
  static Map<String, String> executorThreads(FymConfig config) {
    Map<String, String> spark = config.sparkSettings();
    int configured = config.getInt(FymConfig.EXECUTOR_THREADS);
    String threads = configured > 0 ? String.valueOf(configured) : spark.getOrDefault("spark.task.cpus", "1");
    Map<String, String> out = new TreeMap<>();
    for (String env : new String[] {"OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"}) {
      out.put("spark.executorEnv." + env, threads);
    }
    String options = spark.getOrDefault("spark.executor.extraJavaOptions", "");
    out.put("spark.executor.extraJavaOptions", (options + " -Dai.djl.pytorch.num_threads=" + threads
        + " -Dai.djl.pytorch.num_interop_threads=1").trim());
    return out;
  }

  /** Hadoop settings ({@code spark.hadoop.*} without the prefix) for executors that open file systems. */
  public static Map<String, String> hadoopSettings(SparkSession spark) {
    Map<String, String> out = new TreeMap<>();
    for (scala.Tuple2<String, String> kv : spark.sparkContext().getConf().getAll()) {
      if (kv._1().startsWith("spark.hadoop.")) {
        out.put(kv._1().substring("spark.hadoop.".length()), kv._2());
      }
    }
    return out;
  }

  /**
   * CPU threads for one task: {@code configured} when positive; on a cluster {@code spark.task.cpus}; locally the
   * cores divided by the tasks that run at once ({@code tasks}, at most the cores).
   */
  public static int threadsPerTask(SparkSession spark, int configured, int tasks) {
    if (configured > 0) {
      return configured;
    }
    if (spark.conf().contains("spark.executor.cores")) {
      return Integer.parseInt(spark.conf().get("spark.task.cpus", "1"));
    }
    int cores = spark.sparkContext().defaultParallelism();
    return Math.max(1, cores / Math.max(1, Math.min(cores, tasks)));
  }
}
