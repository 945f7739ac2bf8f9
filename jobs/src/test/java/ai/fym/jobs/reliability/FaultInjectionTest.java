package ai.fym.jobs.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fym.engine.config.FymConfig;
import ai.fym.engine.testing.SyntheticVideos;
import ai.fym.jobs.eval.Selection;
import ai.fym.jobs.gc.GarbageCollector;
import ai.fym.jobs.ingest.IngestJob;
import ai.fym.jobs.ledger.Ledger;
import ai.fym.jobs.spark.Sessions;
import ai.fym.jobs.spark.WorkRows;
import ai.fym.jobs.tables.DeltaStore;
import ai.fym.jobs.tables.TableDef;
import ai.fym.jobs.tables.Tables;
import ai.fym.jobs.trajectory.TrajectoriesJob;
import ai.fym.jobs.trajectory.TrajectorySummary;
import ai.fym.udfs.faults.FaultInjector;
import ai.fym.udfs.io.ArtifactStore;
import ai.fym.udfs.io.Localizer;
import ai.fym.udfs.testing.SparkTestBase;
import ai.fym.udfs.trajectory.TrajectoryItem;
import ai.fym.udfs.trajectory.TrajectoryPartitionFunction;
import ai.fym.udfs.trajectory.TrajectorySchemas;
import io.delta.tables.DeltaTable;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults injected into the real pipeline (shared local[2,2] Spark session, real Delta tables, three generated
 * one-shot clips, tiny trajectory settings): a task failing mid-training on its first attempt, a task failing right
 * after its artifact was written, a driver stopped between an artifact's write and its commit, a full rerun, and two
 * concurrent jobs. After each: exactly one result row and one SUCCEEDED ledger row per item, and after
 * {@code gc} exactly one artifact, the referenced one. The run's configuration carries S3 credentials, which must
 * reach neither the log nor any table.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultInjectionTest extends SparkTestBase {
  static final String SECRET = "wJalrXUtnFEMI-K7MDENG-bPxRfiCYSECRET";
  static final String ACCESS = "AKIAFYMTESTACCESSKEY";
  static final String TOKEN = "FwoGZXIvYXdzSESSIONTOKEN";

  @TempDir
  static Path dir;
  static DeltaStore store;
  static String out;
  static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();
  static final FymConfig CONFIG = FymConfig.defaults().with(FymConfig.TRAJECTORY_STEPS, "20")
      .with(FymConfig.TRAJECTORY_WORKING_SIZE, "48").with(FymConfig.TRAJECTORY_LOG2_TABLE, "12")
      .with(FymConfig.TRAJECTORY_BATCH, "512").with(FymConfig.TRAJECTORY_CHECKPOINT_EVERY, "10")
      .with("spark.hadoop.fs.s3a.secret.key", SECRET).with("spark.hadoop.fs.s3a.access.key", ACCESS)
      .with("spark.hadoop.fs.s3a.session.token", TOKEN);

  @BeforeAll
  static void ingest() throws Exception {
    for (String identity : List.of("alice", "bob", "carol")) {
      Path clip = Files.createDirectories(dir.resolve("corpus").resolve(identity)).resolve("talk.mp4");
      SyntheticVideos.movingPortrait(clip, 16, 320, 240, false);
    }
    out = dir.resolve("out").toString();
    store = new DeltaStore(spark(), out);
    new IngestJob(spark(), CONFIG, store, log()).run(dir.resolve("corpus").toString());
    assertEquals(3, store.read(Tables.STAGE_RUNS).where("stage = 'ingest' and status = 'SUCCEEDED'").count(),
        "one ledger row per ingested clip");
  }

  static PrintStream log() {
    return new PrintStream(LOG, true);
  }

  static TrajectoriesJob job(FymConfig config) {
    return new TrajectoriesJob(spark(), config, store, out, log());
  }

  static Selection only(String identity) {
    return new Selection(identity, null, null);
  }

  @Test
  @Order(1)
  void aTaskFailingAtStep15OnItsFirstAttemptIsRetriedAndResumesFromItsStep10Checkpoint() throws Exception {
    TrajectorySummary s = job(CONFIG).optFaults(FaultInjector.always(15 / 21.0)).run(only("alice"), "frame");
    assertEquals(1, s.trained(), s.describe(out));
    assertEquals(1, s.resumed(), "the retry resumed from the checkpoint: " + s.describe(out));
    Row field = store.read(Tables.TRAJECTORIES).where("identity = 'alice'").collectAsList().get(0);
    assertEquals(10, field.<Integer>getAs("resumed_from"));
    Row run = exactlyOneSucceeded("alice");
    assertEquals(1, run.<Integer>getAs("attempt"), "the ledger names the attempt that succeeded");
    assertEquals(field.<String>getAs("uri"), run.getAs("artifact_uri"));
    assertEquals(ArtifactStore.sha256(Path.of(URI.create(run.getAs("artifact_uri")))), run.getAs("sha256"));
    assertEquals(List.of(Path.of(URI.create(field.getAs("uri")))), artifacts("alice"),
        "the failed attempt wrote no field, the checkpoint is gone");
  }

  @Test
  @Order(2)
  void aTaskFailingRightAfterItsArtifactWriteLeavesAnOrphanThatGcRemoves() throws Exception {
    TrajectorySummary s = job(CONFIG).optFaults(FaultInjector.always(1)).run(only("bob"), "frame");
    assertEquals(1, s.trained(), s.describe(out));
    Row run = exactlyOneSucceeded("bob");
    assertEquals(1, run.<Integer>getAs("attempt"));
    assertEquals(2, artifacts("bob").size(), "both attempts stored a field, under different names");
    assertReferencedArtifactAloneAfterGc("bob", run.getAs("artifact_uri"));
  }

  @Test
  @Order(3)
  void aDriverStoppedBetweenArtifactWriteAndCommitIsCompletedByTheRerun() throws Exception {
    Row shot = store.read(Tables.SHOTS).where("identity = 'carol'").first();
    Row clip = store.read(Tables.CLIPS).where("identity = 'carol'").first();
    TrajectoryItem item = new TrajectoryItem("carol", "talk", shot.getAs("start_frame"), shot.getAs("frames"),
        "frame", clip.getAs("uri"), clip.getAs("fingerprint"), null, null);
    Map<String, String> hadoop = Sessions.hadoopSettings(spark());
    List<Row> executorRows = WorkRows.distribute(spark(), List.of(item.toRow()), TrajectoryItem.SCHEMA, 1)
        .mapPartitions(new TrajectoryPartitionFunction(new Localizer(hadoop), new ArtifactStore(out, hadoop),
            CONFIG.videoLimits(), 25, CONFIG.trajectorySettings(), 1, spark().sparkContext().longAccumulator(),
            FaultInjector.NONE), Encoders.row(TrajectorySchemas.OUTPUT)).collectAsList();
    assertEquals("trajectory", executorRows.get(0).getString(0), "the executor stored the field");
    assertEquals(0, store.read(Tables.TRAJECTORIES).where("identity = 'carol'").count(), "and nothing committed");
    assertEquals(1, artifacts("carol").size());

    TrajectorySummary s = job(CONFIG).run(only("carol"), "frame");
    assertEquals(1, s.trained(), s.describe(out));
    Row run = exactlyOneSucceeded("carol");
    assertEquals(0, run.<Integer>getAs("attempt"));
    assertReferencedArtifactAloneAfterGc("carol", run.getAs("artifact_uri"));
  }

  @Test
  @Order(4)
  void aFullRerunChangesNoTable() throws Exception {
    Map<String, Long> before = versions();
    new IngestJob(spark(), CONFIG, store, log()).run(dir.resolve("corpus").toString());
    TrajectorySummary s = job(CONFIG).run(Selection.ALL, "frame");
    assertEquals(0, s.trained());
    assertEquals(3, s.stored());
    assertEquals(before, versions(), "no new Delta version of any table");
  }

  @Test
  @Order(5)
  void twoConcurrentJobsOnDifferentIdentitiesBothCommit() throws Exception {
    FymConfig other = CONFIG.with(FymConfig.TRAJECTORY_SEED, "8");
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<TrajectorySummary>> jobs = Stream.of("alice", "bob")
          .map(identity -> pool.submit(() -> job(other).run(only(identity), "frame"))).toList();
      for (Future<TrajectorySummary> f : jobs) {
        assertEquals(1, f.get().trained(), f.get().describe(out));
      }
    } finally {
      pool.shutdown();
    }
    String hash = other.trajectorySettings().hash();
    assertEquals(2, store.read(Tables.TRAJECTORIES).where("config_hash = '" + hash + "'").count());
    assertEquals(2, store.read(Tables.STAGE_RUNS).where("stage = 'trajectories' and status = 'SUCCEEDED' "
        + "and input_fingerprint like '% " + hash + "'").count());
    assertNoDuplicateKeys();
  }

  @Test
  @Order(6)
  void credentialsReachNeitherTheLogNorAnyTable() {
    assertFalse(CONFIG.toString().contains(SECRET), "the configuration prints redacted");
    String log = LOG.toString();
    assertTrue(log.contains("[trajectories]"), "the log was captured");
    for (String secret : List.of(SECRET, ACCESS, TOKEN)) {
      assertFalse(log.contains(secret), "the log holds a credential");
      for (TableDef t : Tables.ALL) {
        if (store.exists(t)) {
          for (Row r : store.read(t).collectAsList()) {
            assertFalse(r.toString().contains(secret), t.name() + " holds a credential: " + r);
          }
        }
      }
    }
  }

  @Test
  @Order(7)
  void theLedgerSummarisesEveryStage() {
    Map<String, Row> byStage = new TreeMap<>();
    new Ledger(store, null, null).summary().collectAsList().forEach(r -> byStage.put(r.getAs("stage"), r));
    assertEquals(List.of("ingest", "trajectories"), List.copyOf(byStage.keySet()));
    Row trajectories = byStage.get("trajectories");
    assertEquals(5L, trajectories.<Long>getAs("items"), "3 shots, and 2 under other settings");
    assertEquals(5L, trajectories.<Long>getAs("succeeded"));
    assertEquals(2L, trajectories.<Long>getAs("retried"), "alice's and bob's injected failures");
    assertEquals(0, new Ledger(store, "trajectories", "alice").failed().count());
  }

  @AfterAll
  static void noDuplicates() {
    assertNoDuplicateKeys();
  }

  private static void assertNoDuplicateKeys() {
    for (TableDef t : Tables.ALL) {
      if (store.exists(t)) {
        long rows = store.read(t).count();
        long keys = store.read(t).select(t.keys().stream().map(org.apache.spark.sql.functions::col)
            .toArray(org.apache.spark.sql.Column[]::new)).distinct().count();
        assertEquals(keys, rows, "duplicate keys in " + t.name());
      }
    }
  }

  private static Row exactlyOneSucceeded(String identity) {
    List<Row> runs = store.read(Tables.STAGE_RUNS).where("stage = 'trajectories' and identity = '" + identity
        + "'").collectAsList();
    assertEquals(1, runs.size(), runs.toString());
    assertEquals("SUCCEEDED", runs.get(0).getAs("status"));
    assertEquals(1, store.read(Tables.TRAJECTORIES).where("identity = '" + identity + "'").count());
    return runs.get(0);
  }

  private static void assertReferencedArtifactAloneAfterGc(String identity, String uri) throws Exception {
    GarbageCollector gc = new GarbageCollector(spark(), store, out);
    assertEquals(0, gc.run(3600, true, true).orphans(), "a young orphan may be a running job's: kept");
    GarbageCollector.Summary removed = gc.run(0, true, false);
    assertTrue(removed.orphans() >= 1, removed.describe());
    assertEquals(List.of(Path.of(URI.create(uri))), artifacts(identity), "only the referenced field is left");
  }

  private static List<Path> artifacts(String identity) throws Exception {
    try (Stream<Path> files = Files.walk(dir.resolve("out/trajectories").resolve(identity))) {
      return files.filter(Files::isRegularFile).sorted().toList();
    }
  }

  private static Map<String, Long> versions() {
    Map<String, Long> out = new TreeMap<>();
    for (TableDef t : Tables.ALL) {
      if (store.exists(t)) {
        out.put(t.name(), DeltaTable.forPath(spark(), store.path(t)).history(1).first().<Long>getAs("version"));
      }
    }
    return out;
  }
}
