package ai.fym.jobs.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fym.engine.testing.SyntheticVideos;
import ai.fym.jobs.notebook.NotebookRunner;
import ai.fym.jobs.tables.DeltaStore;
import ai.fym.jobs.tables.Tables;
import ai.fym.udfs.testing.SparkTestBase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster path end to end: a standalone master and two workers on 127.0.0.1, and ingest, edit and evaluate
 * of a small corpus (two clips and an empty file) submitted through Spark's own SparkSubmit with the application
 * jar and {@code conf/cluster.conf} (task resource profiles on); executors run in the workers' separate JVMs. The
 * tables are then read here, and the notebook's code runs over them.
 */
class StandaloneClusterIT extends SparkTestBase {
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path dir;
  static StandaloneCluster cluster;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = new StandaloneCluster(dir, 2, 1, "1200m");
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void ingestAndEvaluationRunOnExecutorsOfTheStandaloneCluster() throws Exception {
    Path corpus = dir.resolve("corpus");
    SyntheticVideos.movingPortrait(Files.createDirectories(corpus.resolve("alice")).resolve("walk.mp4"), 24, 320,
        240, false);
    SyntheticVideos.movingPortrait(Files.createDirectories(corpus.resolve("bob")).resolve("turn.mp4"), 24, 320,
        240, true);
    SyntheticVideos.zeroByte(corpus.resolve("bob/empty.mp4"));
    String out = dir.resolve("out").toString();
    submit("ingest", "--corpus", corpus.toString());
    submit("edit", "--edit", "grade");
    submit("evaluate", "--edit", "grade", "--methods", "per-frame,smooth");

    DeltaStore store = new DeltaStore(spark(), out);
    assertEquals(2, store.read(Tables.CLIPS).where("status = 'INGESTED'").count());
    assertEquals(1, store.read(Tables.QUARANTINE).count(), "the empty file");
    assertEquals(4, store.read(Tables.METRICS).count(), "two clips, two methods");
    List<Row> runs = store.read(Tables.RUNS).orderBy("started").collectAsList();
    assertEquals(List.of("ingest", "edit", "evaluate"), runs.stream()
        .map(r -> r.<String>getAs("command").split(" ")[0]).toList());
    for (Row run : runs) {
      assertEquals("SUCCEEDED", run.getAs("status"));
      assertEquals(cluster.url(), run.getAs("master"));
      assertTrue(run.getList(run.fieldIndex("stages")).size() > 1, "stage timings recorded");
      assertEquals("task", run.<scala.collection.Map<String, String>>getAs("config").get("fym.resources.profiles")
          .get());
    }
    for (Path work : cluster.workDirs()) {
      try (Stream<Path> logs = Files.walk(work)) {
        assertTrue(logs.anyMatch(p -> p.getFileName().toString().equals("stderr")),
            "worker " + work.getFileName() + " launched an executor JVM");
      }
    }
    String notebook = NotebookRunner.run(Path.of("../notebooks/fym_tables.ipynb"), dir.resolve("out/tables"));
    for (String shown : List.of("tables under", "clips now:", "EMPTY_FILE", "before", "after",
        "frame strip of")) {
      assertTrue(notebook.contains(shown), "the notebook shows '" + shown + "':\n" + notebook);
    }
  }

  /** Runs one command through SparkSubmit against the cluster, as {@code bin/fym --master URL} does. */
  private static void submit(String... command) throws Exception {
    List<String> args = new ArrayList<>(List.of("org.apache.spark.deploy.SparkSubmit", "--master", cluster.url(),
        "--deploy-mode", "client", "--class", "ai.fym.jobs.cli.Main", Path.of("target/fym-app.jar").toString(),
        "--conf", "../conf/cluster.conf", "--out", dir.resolve("out").toString(),
        "--set", "spark.executor.cores=1", "--set", "spark.executor.memory=1g"));
    args.addAll(List.of(command));
    Path log = dir.resolve("submit-" + command[0] + ".log");
    Process p = JavaProcesses.start("1g", cluster.classpath(), args, Map.of(), log);
    int code = JavaProcesses.await(p, Duration.ofMinutes(5));
    assertEquals(0, code, command[0] + " through spark-submit:\n" + Files.readString(log));
  }
}
