package ai.fym.jobs.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real Spark standalone cluster on 127.0.0.1: one master and {@code workers} workers, each its own JVM, run
 * from a Spark home assembled from the project's own dependencies: {@code jars/} links every jar a cluster
 * provides ({@code target/spark-classpath.txt}, written by the build), which is where a worker's executors take
 * their classpath from. Applications come with the application jar, as on any cluster.
 */
final class StandaloneCluster implements AutoCloseable {
  private final Path home;
  private final List<Process> processes = new ArrayList<>();
  private final List<Path> workDirs = new ArrayList<>();
  private final String url;

  /** Starts the master and the workers ({@code cores} and {@code memory} each) and waits until all registered. */
  StandaloneCluster(Path dir, int workers, int cores, String memory) throws Exception {
    home = Files.createDirectories(dir.resolve("spark-home/jars"));
    for (String jar : providedJars()) {
      Path source = Path.of(jar);
      Files.createSymbolicLink(home.resolve(source.getFileName()), source);
    }
    String classpath = home + "/*";
    int port = JavaProcesses.freePort();
    url = "spark://127.0.0.1:" + port;
    Path masterLog = dir.resolve("master.log");
    Process master = JavaProcesses.start("256m", classpath, List.of("-Dspark.master.rest.enabled=false",
        "org.apache.spark.deploy.master.Master",
        "--host", "127.0.0.1", "--port", String.valueOf(port), "--webui-port", "0"), env(), masterLog);
    processes.add(master);
    JavaProcesses.awaitLog(master, masterLog, "I have been elected leader", 1, Duration.ofSeconds(60));
    for (int i = 0; i < workers; i++) {
      Path work = Files.createDirectories(dir.resolve("worker-" + i));
      workDirs.add(work);
      processes.add(JavaProcesses.start("256m", classpath, List.of("org.apache.spark.deploy.worker.Worker",
          "--host", "127.0.0.1", "--cores", String.valueOf(cores), "--memory", memory, "--work-dir",
          work.toString(), "--webui-port", "0", url), env(), dir.resolve("worker-" + i + ".log")));
    }
    JavaProcesses.awaitLog(master, masterLog, "Registering worker", workers, Duration.ofSeconds(60));
  }

  /** The master url, {@code spark://127.0.0.1:PORT}. */
  String url() {
    return url;
  }

  /** The classpath of a spark-submit launcher: the provided jars, as a Spark distribution's {@code jars/*}. */
  String classpath() {
    return home + "/*";
  }

  /** Each worker's work folder ({@code <app id>/<executor id>/} per executor it launched). */
  List<Path> workDirs() {
    return workDirs;
  }

  private Map<String, String> env() {
    // What a distribution's bin/load-spark-env.sh sets; the worker builds its executors' command line from both.
    return Map.of("SPARK_HOME", home.getParent().toString(), "SPARK_SCALA_VERSION", "2.13");
  }

  private static List<String> providedJars() throws IOException {
    return List.of(Files.readString(Path.of("target/spark-classpath.txt")).trim().split(java.io.File.pathSeparator));
  }

  @Override
  public void close() throws Exception {
    for (int i = processes.size() - 1; i >= 0; i--) {
      JavaProcesses.stop(processes.get(i));
    }
  }
}
