package ai.fym.jobs.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fym.engine.config.FymConfig;
import ai.fym.engine.testing.SyntheticVideos;
import ai.fym.jobs.ingest.IngestJob;
import ai.fym.jobs.tables.DeltaStore;
import ai.fym.jobs.tables.Tables;
import ai.fym.udfs.testing.SparkTestBase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Edit, evaluate, sweep and quality gates on a small generated clip with a cut, on the shared local
 * Spark session: the per-frame edit is the least consistent method, a mismatched external edit is
 * refused, an interrupted sweep finishes only its missing items.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EvaluationPipelineTest extends SparkTestBase {
  @TempDir
  static Path dir;
  static DeltaStore store;
  static FymConfig config = FymConfig.defaults().with(FymConfig.TRAJECTORY_STEPS, "20")
      .with(FymConfig.TRAJECTORY_WORKING_SIZE, "48").with(FymConfig.TRAJECTORY_LOG2_TABLE, "12")
      .with(FymConfig.TRAJECTORY_BATCH, "512").with(FymConfig.DIFFUSION_SIZE, "16")
      .with(FymConfig.DIFFUSION_CHANNELS, "8").with(FymConfig.DIFFUSION_BASE_STEPS, "4")
      .with(FymConfig.DIFFUSION_ADAPT_STEPS, "2").with(FymConfig.DIFFUSION_BATCH, "1")
      .with(FymConfig.DIFFUSION_SAMPLE_STEPS, "1");
  static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());

  @BeforeAll
  static void ingestAndEdit() throws Exception {
    Path clip = Files.createDirectories(dir.resolve("corpus/alice")).resolve("walk.mp4");
    SyntheticVideos.movingPortrait(clip, 30, 320, 240, true);
    String out = dir.resolve("out").toString();
    store = new DeltaStore(spark(), out);
    new IngestJob(spark(), config, store, QUIET).run(dir.resolve("corpus").toString());
    EditJob edits = new EditJob(spark(), config, store, out, QUIET);
    assertEquals(1, edits.run("grade", Selection.ALL, null)[0]);
    assertEquals(1, edits.run("relight", Selection.ALL, null)[0]);
  }

  static EvaluateJob evaluate() {
    return new EvaluateJob(spark(), config, store, dir.resolve("out").toString(), QUIET);
  }

  @Test
  @Order(1)
  void perFrameEditIsTheLeastConsistentReferenceMethod() throws Exception {
    int[] r = evaluate().run(Selection.ALL, evaluate().defaults(List.of()));
    assertEquals(12, r[0], "six methods (fym and the source included) on two edits");
    assertEquals(1, store.read(Tables.DENOISERS).count(), "fym's base denoiser was trained first");
    for (String edit : List.of("grade", "relight")) {
      Map<String, Double> warp = store.read(Tables.METRICS).where("edit = '" + edit + "'").collectAsList().stream()
          .collect(Collectors.toMap(m -> m.getAs("method"), m -> m.<Double>getAs("warp_short")));
      assertTrue(warp.get("per-frame") > warp.get("smooth") && warp.get("per-frame") > warp.get("propagate"),
          edit + ": " + warp);
    }
    for (Row c : store.read(Tables.CORRECTED).collectAsList()) {
      assertEquals(30L, c.<Long>getAs("frames"));
      assertTrue(Files.size(Path.of(java.net.URI.create(c.getAs("uri")))) > 1000, "an encoded mp4 exists");
    }
    assertEquals(12 * 30, store.read(Tables.METRIC_FRAMES).count());
    assertEquals(0, evaluate().run(Selection.ALL, evaluate().defaults(List.of()))[0], "a rerun measures nothing");
  }

  @Test
  @Order(2)
  void externalEditIsAlignedAndAMismatchedOneIsRefusedClearly() throws Exception {
    Path good = dir.resolve("edited/walk_look.mp4");
    Path bad = dir.resolve("edited/walk_short.mp4");
    Files.createDirectories(good.getParent());
    SyntheticVideos.movingPortrait(good, 30, 320, 240, true);
    SyntheticVideos.movingPortrait(bad, 20, 320, 240, true);
    EditJob edits = new EditJob(spark(), config, store, dir.resolve("out").toString(), QUIET);
    Selection walk = new Selection("alice", "walk", null);
    assertEquals(1, edits.run("look", walk, good.toUri().toString())[0]);
    assertEquals(1, edits.run("short", walk, bad.toUri().toString())[1]);
    Row refused = store.read(Tables.QUARANTINE).where("stage = 'edit:short'").first();
    assertEquals("EDIT_MISMATCH", refused.getAs("reason"));
    String detail = refused.getAs("detail");
    assertTrue(detail.contains("20") && detail.contains("30"), detail);
    int[] r = evaluate().run(new Selection("alice", "walk", "look"), evaluate().defaults(List.of("per-frame")));
    assertEquals(1, r[0]);
  }

  @Test
  @Order(3)
  void interruptedSweepFinishesOnlyTheMissingItems() throws Exception {
    Path file = dir.resolve("grid.json");
    Files.writeString(file, "{\"name\": \"alpha\", \"edits\": [\"grade\"], \"methods\": ["
        + "{\"method\": \"smooth\", \"grid\": {\"alpha\": [\"0.2\", \"0.5\", \"0.8\"]}}]}");
    SweepGrid grid = SweepGrid.read(file);
    SweepJob sweep = new SweepJob(spark(), store, evaluate(), QUIET);
    assertEquals(List.of(1, 0, 2), List.of(box(sweep.run(grid, Selection.ALL, 1, 1))), "stopped after one item");
    Row first = store.read(Tables.SWEEP_ITEMS).where("status = 'DONE'").first();
    Object firstMeasuredAt = store.read(Tables.METRICS).where("config_hash = '" + first.getAs("config_hash") + "'")
        .first().getAs("evaluated_at");
    assertEquals(List.of(2, 0, 0), List.of(box(sweep.run(grid, Selection.ALL, 1, 0))), "the rest, only");
    assertEquals(3, store.read(Tables.SWEEP_ITEMS).where("sweep = 'alpha' and status = 'DONE'").count());
    assertEquals(firstMeasuredAt, store.read(Tables.METRICS)
        .where("config_hash = '" + first.getAs("config_hash") + "'").first().getAs("evaluated_at"));
    assertEquals(List.of(0, 0, 0), List.of(box(sweep.run(grid, Selection.ALL, 1, 0))));
  }

  @Test
  @Order(4)
  void qualityGatesJudgeEveryMethodRowAndListClipsWithNoPassingMethod() {
    long rows = store.read(Tables.METRICS).count();
    long references = store.read(Tables.METRICS).where("method = 'source'").count();
    QualityGate.Outcome lenient = new QualityGate(spark(), config, store).run(Selection.ALL);
    assertEquals(rows - references, lenient.passed() + lenient.rejected(), "the reference is not judged");
    assertEquals(rows, store.read(Tables.QC).count());
    assertEquals(references, store.read(Tables.QC).where("verdict = 'REFERENCE'").count());
    QualityGate.Outcome strict = new QualityGate(spark(), config.with(FymConfig.QC_MAX_WARP_SHORT, "0"), store)
        .run(Selection.ALL);
    assertEquals(0, strict.passed());
    assertEquals(3, strict.review().size(), "grade, relight and look of alice/walk: " + strict.review());
    assertTrue(store.read(Tables.QC).where("verdict = 'REJECT'").first().<String>getAs("reasons")
        .startsWith("warp_short"));
  }

  private static Integer[] box(int[] v) {
    return java.util.Arrays.stream(v).boxed().toArray(Integer[]::new);
  }
}
