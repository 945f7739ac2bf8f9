package ai.fym.jobs.cli;

import ai.fym.engine.config.FymConfig;
import ai.fym.jobs.runs.RunListener;
import ai.fym.jobs.runs.RunRecorder;
import ai.fym.jobs.spark.Sessions;
import ai.fym.jobs.tables.DeltaStore;
import java.io.PrintStream;
import org.apache.spark.sql.SparkSession;

/**
 * What a command runs with: the resolved configuration, the terminal, and a Spark session and
 * table store created on first use (so {@code --help} and engine-only benchmarks start fast). A command that
 * used Spark leaves its row in the {@code runs} table when the context closes.
 */
public final class Context implements AutoCloseable {
  private final FymConfig config;
  private final PrintStream out;
  private final RunRecorder run;
  private SparkSession spark;
  private RunListener listener;
  private int exitCode = 1;

  /** The context of {@code command} (its name and options, as recorded in {@code runs}). */
  public Context(FymConfig config, PrintStream out, String command) {
    this.config = config;
    this.out = out;
    this.run = new RunRecorder(config, command);
  }

  /** Notes how the command ended, for the {@code runs} table (a context closed without it recorded a failure). */
  public void finished(int exitCode) {
    this.exitCode = exitCode;
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
      listener = new RunListener(out);
      spark.sparkContext().addSparkListener(listener);
    }
    return spark;
  }

  public DeltaStore store() {
    return new DeltaStore(spark(), outRoot());
  }

  @Override
  public synchronized void close() {
    if (spark != null) {
      try {
        run.record(spark, store(), exitCode, listener.stages());
      } catch (RuntimeException e) {
        out.println("[fym] the run could not be recorded in the runs table: " + e.getMessage());
      }
      spark.stop();
      spark = null;
    }
  }
}
