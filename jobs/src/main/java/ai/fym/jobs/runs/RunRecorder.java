package ai.fym.jobs.runs;

import ai.fym.engine.config.FymConfig;
import ai.fym.jobs.tables.DeltaStore;
import ai.fym.jobs.tables.Tables;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructType;

/**
 * Writes one row per command to the {@code runs} table: run id, command, status, master, output root, the
 * configuration with its credentials redacted ({@link FymConfig#redacted()}), component versions, the git commit,
 * start time, duration and the timing of every Spark stage ({@link RunListener}).
 */
public final class RunRecorder {
  private static final MapType STRINGS = DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType);
  private static final StructType STAGE = new StructType()
      .add("stage_id", DataTypes.IntegerType).add("attempt", DataTypes.IntegerType)
      .add("name", DataTypes.StringType).add("tasks", DataTypes.IntegerType)
      .add("failed_tasks", DataTypes.IntegerType).add("seconds", DataTypes.DoubleType)
      .add("status", DataTypes.StringType);

  /** The {@code runs} table's columns. */
  public static final StructType SCHEMA = new StructType()
      .add("run_id", DataTypes.StringType, false).add("command", DataTypes.StringType)
      .add("status", DataTypes.StringType).add("exit_code", DataTypes.IntegerType)
      .add("master", DataTypes.StringType).add("out", DataTypes.StringType)
      .add("config", STRINGS).add("versions", STRINGS).add("git_commit", DataTypes.StringType)
      .add("started", DataTypes.TimestampType).add("seconds", DataTypes.DoubleType)
      .add("stages", new ArrayType(STAGE, false));

  private final String runId = UUID.randomUUID().toString();
  private final long startMillis = System.currentTimeMillis();
  private final FymConfig config;
  private final String command;

  /** A run of {@code command} (its name and options) under {@code config}, starting now. */
  public RunRecorder(FymConfig config, String command) {
    this.config = config;
    this.command = command;
  }

  /** Commits the run's row; {@code exitCode} 0 is SUCCEEDED, anything else FAILED. */
  public void record(SparkSession spark, DeltaStore store, int exitCode, List<StageTiming> stages) {
    List<Row> stageRows = stages.stream().map(s -> RowFactory.create(s.stageId(), s.attempt(), s.name(), s.tasks(),
        s.failedTasks(), s.seconds(), s.status())).toList();
    Row run = RowFactory.create(runId, command, exitCode == 0 ? "SUCCEEDED" : "FAILED", exitCode,
        spark.sparkContext().master(), store.root(), config.redacted(), versions(spark), gitCommit(),
        new Timestamp(startMillis), (System.currentTimeMillis() - startMillis) / 1e3, stageRows);
    store.upsert(Tables.RUNS, spark.createDataFrame(List.of(run), SCHEMA));
  }

  /** Build-time versions of FYM and its main parts, with the Spark and Java that run it. */
  static Map<String, String> versions(SparkSession spark) {
    Map<String, String> out = new TreeMap<>();
    try (InputStream in = RunRecorder.class.getResourceAsStream("versions.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k)));
    } catch (IOException e) {
      out.put("fym", "unknown");
    }
    out.put("spark.runtime", spark.version());
    out.put("java", System.getProperty("java.version"));
    return out;
  }

  /**
   * The commit the code was built from: {@code FYM_GIT_COMMIT} (set by the executor images), else the checkout
   * the application's jar or classes lie in, else {@code unknown}.
   */
  static String gitCommit() {
    String env = System.getenv("FYM_GIT_COMMIT");
    if (env != null && !env.isBlank()) {
      return env.trim();
    }
    try {
      Path code = Path.of(RunRecorder.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Process git = new ProcessBuilder("git", "-C", code.getParent().toString(), "rev-parse", "HEAD")
          .redirectErrorStream(true).start();
      String head = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      boolean ended = git.waitFor(10, TimeUnit.SECONDS);
      return ended && git.exitValue() == 0 && head.matches("[0-9a-f]{40}") ? head : "unknown";
    } catch (Exception e) {
      return "unknown";
    }
  }
}
