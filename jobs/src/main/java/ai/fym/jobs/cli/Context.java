package ai.fym.jobs.cli;

import ai.fym.engine.config.FymConfig;
import ai.fym.jobs.spark.Sessions;
import ai.fym.jobs.tables.DeltaStore;
import java.io.PrintStream;
import org.apache.spark.sql.SparkSession;

/**
 * What a command runs with: the resolved configuration, the terminal, and a Spark session and
 * table store created on first use (so {@code --help} and engine-only benchmarks start fast).
 */
public final class Context implements AutoCloseable {
  private final FymConfig config;
  private final PrintStream out;
  private SparkSession spark;

  public Context(FymConfig config, PrintStream out) {
    this.config = config;
    this.out = out;
  }

  public FymConfig config() {
    return config;
  }

  public PrintStream out() {
    return out;
  }

  /** The output root as an absolute uri-like string: a local folder is made absolute. */
  public String outRoot() {
    String out = config.get(FymConfig.OUT);
    return out.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*") ? out
        : java.nio.file.Path.of(out.startsWith("file:") ? out.substring(5) : out).toAbsolutePath().normalize()
            .toString();
  }

  public synchronized SparkSession spark() {
    if (spark == null) {
      spark = Sessions.create(config, "fym");
    }
    return spark;
  }

  public DeltaStore store() {
    return new DeltaStore(spark(), outRoot());
  }

  @Override
  public synchronized void close() {
    if (spark != null) {
      spark.stop();
      spark = null;
    }
  }
}
