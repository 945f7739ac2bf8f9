package ai.fym.jobs.trajectory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.fym.engine.config.FymConfig;
import ai.fym.engine.image.RgbImage;
import ai.fym.engine.testing.Samples;
import ai.fym.engine.testing.SyntheticVideos;
import ai.fym.engine.trajectory.FieldFile;
import ai.fym.engine.trajectory.ShotSequence;
import ai.fym.engine.trajectory.TrajectorySettings;
import ai.fym.engine.trajectory.TrajectoryTrainer;
import ai.fym.jobs.eval.EditJob;
import ai.fym.jobs.eval.EvaluateJob;
import ai.fym.jobs.eval.Selection;
import ai.fym.jobs.ingest.IngestJob;
import ai.fym.jobs.tables.DeltaStore;
import ai.fym.jobs.tables.TableDef;
import ai.fym.jobs.tables.Tables;
import ai.fym.udfs.testing.SparkTestBase;
import ai.fym.udfs.trajectory.TrajectoryItem;
import io.delta.tables.DeltaTable;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trajectories stage on a generated 30-frame clip with a cut (two shots), with tiny field settings, on the
 * shared local Spark session: one row and field per shot, a killed run's checkpoint is resumed, a rerun commits
 * nothing, evaluation reads the stored fields, and face fields train on the main track's crops.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TrajectoriesJobTest extends SparkTestBase {
  @TempDir
  static Path dir;
  static DeltaStore store;
  static String out;
  static final FymConfig CONFIG = FymConfig.defaults().with(FymConfig.TRAJECTORY_STEPS, "20")
      .with(FymConfig.TRAJECTORY_WORKING_SIZE, "48").with(FymConfig.TRAJECTORY_LOG2_TABLE, "12")
      .with(FymConfig.TRAJECTORY_BATCH, "512").with(FymConfig.TRAJECTORY_CHECKPOINT_EVERY, "10");
  static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());

  @BeforeAll
  static void ingest() throws Exception {
    Path clip = Files.createDirectories(dir.resolve("corpus/alice")).resolve("walk.mp4");
    SyntheticVideos.movingPortrait(clip, 30, 320, 240, true);
    out = dir.resolve("out").toString();
    store = new DeltaStore(spark(), out);
    new IngestJob(spark(), CONFIG, store, QUIET).run(dir.resolve("corpus").toString());
  }

  static TrajectoriesJob job() {
    return new TrajectoriesJob(spark(), CONFIG, store, out, QUIET);
  }

  @Test
  @Order(1)
  void everyShotGetsAFieldAndAKilledRunResumesFromItsCheckpoint() throws Exception {
    List<Row> shots = store.read(Tables.SHOTS).orderBy("start_frame").collectAsList();
    assertEquals(2, shots.size(), "the generated clip has one cut");
    TrajectorySettings settings = CONFIG.trajectorySettings();
    int second = shots.get(1).getAs("start_frame");
    String fingerprint = store.read(Tables.CLIPS).first().getAs("fingerprint");
    TrajectoryItem item = new TrajectoryItem("alice", "walk", second, 0, "frame", "", fingerprint, null, null);
    Path checkpoint = dir.resolve("out").resolve(item.checkpoint(settings.hash()));
    List<RgbImage> frames = Samples.frames(dir.resolve("corpus/alice/walk.mp4"));
    ShotSequence shot = ShotSequence.of(frames.subList(second, frames.size()), settings.workingSize());
    TrajectoryTrainer.train(shot, settings, checkpoint, Device.cpu()).field().close();
    assertTrue(Files.isRegularFile(checkpoint), "a run killed after step 10 leaves its checkpoint");

    TrajectorySummary s = job().run(Selection.ALL, "frame");
    assertEquals(2, s.trained(), () -> s.describe(out) + " " + store.read(Tables.QUARANTINE).collectAsList());
    assertEquals(1, s.resumed(), s.describe(out));
    List<Row> rows = store.read(Tables.TRAJECTORIES).orderBy("shot").collectAsList();
    assertEquals(2, rows.size());
    assertEquals(0, rows.get(0).<Integer>getAs("resumed_from"));
    assertEquals(10, rows.get(1).<Integer>getAs("resumed_from"));
    for (Row r : rows) {
      assertEquals(20, r.<Integer>getAs("steps"));
      assertEquals(settings.hash(), r.getAs("config_hash"));
      double photometric = r.getAs("photometric_error");
      assertTrue(photometric >= 0 && photometric < 60, "photometric error in grey levels: " + photometric);
      Path field = Path.of(URI.create(r.getAs("uri")));
      String name = field.getFileName().toString();
      assertTrue(name.startsWith("shot-" + r.getAs("shot") + "-" + settings.hash() + ".a0-") && name.endsWith(".field"),
          "an attempt-unique name: " + name);
      assertEquals(r.<Integer>getAs("frames"), FieldFile.read(field, 1, Device.cpu()).field().frames());
    }
    assertFalse(Files.exists(checkpoint), "the checkpoint is deleted once the field is stored");
  }

  @Test
  @Order(2)
  void aRerunCommitsNothing() throws Exception {
    long trajectories = version(Tables.TRAJECTORIES);
    long quarantine = store.exists(Tables.QUARANTINE) ? version(Tables.QUARANTINE) : -1;
    TrajectorySummary s = job().run(Selection.ALL, "frame");
    assertEquals(0, s.trained());
    assertEquals(2, s.stored());
    assertEquals(trajectories, version(Tables.TRAJECTORIES), "no new Delta version");
    assertEquals(quarantine, store.exists(Tables.QUARANTINE) ? version(Tables.QUARANTINE) : -1);
  }

  @Test
  @Order(3)
  void evaluationFollowsTheStoredFields() throws Exception {
    new EditJob(spark(), CONFIG, store, out, QUIET).run("grade", Selection.ALL, null);
    EvaluateJob evaluate = new EvaluateJob(spark(), CONFIG, store, out, QUIET);
    int[] r = evaluate.run(Selection.ALL, evaluate.defaults(List.of("trajectory-warp", "source")));
    assertEquals(List.of(2, 0, 2), List.of(r[0], r[1], r[2]), "both items measured, both shots' fields read");
  }

  @Test
  @Order(4)
  void faceFieldsTrainOnTheMainTracksCrops() throws Exception {
    TrajectorySummary s = job().run(Selection.ALL, "face");
    assertEquals(0, s.failed(), s.describe(out));
    List<Row> face = store.read(Tables.TRAJECTORIES).where("region = 'face'").collectAsList();
    assertEquals(s.trained(), face.size());
    assertTrue(face.size() >= 1, "the portrait is tracked in at least one shot: " + s.describe(out));
    for (Row r : face) {
      assertTrue(r.<String>getAs("uri").endsWith(".face.field"), r.<String>getAs("uri"));
      assertTrue(r.getAs("track") != null);
    }
    assertEquals(2, store.read(Tables.TRAJECTORIES).where("region = 'frame'").count(), "frame fields kept");
  }

  private static long version(TableDef t) {
    return DeltaTable.forPath(spark(), store.path(t)).history(1).first().<Long>getAs("version");
  }
}
