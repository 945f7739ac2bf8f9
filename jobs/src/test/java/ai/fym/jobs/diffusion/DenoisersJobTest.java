package ai.fym.jobs.diffusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fym.engine.config.FymConfig;
import ai.fym.engine.diffusion.DenoiserSettings;
import ai.fym.engine.testing.SyntheticVideos;
import ai.fym.jobs.eval.EditJob;
import ai.fym.jobs.eval.EvaluateJob;
import ai.fym.jobs.eval.Selection;
import ai.fym.jobs.ingest.IngestJob;
import ai.fym.jobs.tables.DeltaStore;
import ai.fym.jobs.tables.TableDef;
import ai.fym.jobs.tables.Tables;
import ai.fym.udfs.eval.EvalItem;
import ai.fym.udfs.eval.MethodConfig;
import ai.fym.udfs.testing.SparkTestBase;
import io.delta.tables.DeltaTable;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The denoisers stage and the {@code fym} evaluation on two generated 12-frame one-shot clips (identities alice and
 * bob) with tiny trajectory and diffusion settings, on the shared local Spark session: alice gets one
 * {@code denoisers} row and file, bob (whose source became unreadable after ingest) a quarantine row and a FAILED
 * ledger row, a rerun commits nothing, and evaluating alice's edit with {@code fym} reads the stored denoiser and
 * commits {@code corrected} and {@code metrics} rows.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DenoisersJobTest extends SparkTestBase {
  @TempDir
  static Path dir;
  static DeltaStore store;
  static String out;
  static final FymConfig CONFIG = FymConfig.defaults().with(FymConfig.TRAJECTORY_STEPS, "5")
      .with(FymConfig.TRAJECTORY_WORKING_SIZE, "48").with(FymConfig.TRAJECTORY_LOG2_TABLE, "12")
      .with(FymConfig.TRAJECTORY_BATCH, "512").with(FymConfig.DIFFUSION_SIZE, "16")
      .with(FymConfig.DIFFUSION_CHANNELS, "8").with(FymConfig.DIFFUSION_BASE_STEPS, "4")
      .with(FymConfig.DIFFUSION_ADAPT_STEPS, "2").with(FymConfig.DIFFUSION_BATCH, "1")
      .with(FymConfig.DIFFUSION_SAMPLE_STEPS, "1").with(FymConfig.DIFFUSION_CHECKPOINT_EVERY, "2");
  static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());
  static final Selection ALICE = new Selection("alice", null, null);

  @BeforeAll
  static void ingest() throws Exception {
    for (String identity : List.of("alice", "bob")) {
      Path clip = Files.createDirectories(dir.resolve("corpus").resolve(identity)).resolve("talk.mp4");
      SyntheticVideos.movingPortrait(clip, 12, 320, 240, false);
    }
    out = dir.resolve("out").toString();
    store = new DeltaStore(spark(), out);
    new IngestJob(spark(), CONFIG, store, QUIET).run(dir.resolve("corpus").toString());
    Files.writeString(dir.resolve("corpus/bob/talk.mp4"), "no longer a video");
  }

  static DenoiserSettings base() {
    return CONFIG.diffusionSettings();
  }

  @Test
  @Order(1)
  void aDenoiserPerIdentityAndAFailingIdentityBecomesAQuarantineRow() throws Exception {
    DenoiserSummary s = new DenoisersJob(spark(), CONFIG, store, out, QUIET).run(Selection.ALL, List.of(base()));
    assertEquals(List.of(2, 1, 1), List.of(s.selected(), s.trained(), s.failed()), s.describe(out));
    Row row = store.read(Tables.DENOISERS).first();
    assertEquals("alice", row.getAs("identity"));
    assertEquals(base().baseHash(), row.getAs("base_hash"));
    assertEquals(base().baseCanonical(), row.getAs("settings"));
    assertEquals(4, row.<Integer>getAs("steps"));
    assertEquals(1, row.<Integer>getAs("clips"));
    assertEquals(12, row.<Integer>getAs("frames"));
    assertTrue(row.<Integer>getAs("parameters") > 0);
    assertEquals(68, row.getList(row.fieldIndex("landmark_weights")).size());
    Path file = Path.of(URI.create(row.getAs("uri")));
    String name = file.getFileName().toString();
    assertTrue(Files.isRegularFile(file) && name.startsWith(base().baseHash() + ".a0-") && name.endsWith(".fymd"),
        "an attempt-unique denoiser file: " + name);
    List<Row> quarantine = store.read(Tables.QUARANTINE).where("stage = 'denoisers'").collectAsList();
    assertEquals(1, quarantine.size());
    assertEquals("bob", quarantine.get(0).getAs("identity"));
    List<Row> runs = store.read(Tables.STAGE_RUNS).where("stage = 'denoisers'").orderBy("identity").collectAsList();
    assertEquals(List.of("alice", "bob"), runs.stream().map(r -> r.<String>getAs("identity")).toList());
    assertEquals(List.of("SUCCEEDED", "FAILED"), runs.stream().map(r -> r.<String>getAs("status")).toList());
    assertEquals(1, store.read(Tables.DENOISERS).count());
  }

  @Test
  @Order(2)
  void aRerunWithNothingToDoCommitsNothing() throws Exception {
    long[] before = versions();
    DenoiserSummary s = new DenoisersJob(spark(), CONFIG, store, out, QUIET).run(ALICE, List.of(base()));
    assertEquals(List.of(1, 1, 0), List.of(s.selected(), s.stored(), s.trained()), s.describe(out));
    assertEquals(List.of(before[0], before[1], before[2]), List.of(versions()[0], versions()[1], versions()[2]));
  }

  @Test
  @Order(3)
  void fymCorrectsWithTheStoredDenoiserAndIsMeasured() throws Exception {
    new EditJob(spark(), CONFIG, store, out, QUIET).run("grade", ALICE, null);
    EvaluateJob evaluate = new EvaluateJob(spark(), CONFIG, store, out, QUIET);
    List<MethodConfig> fym = List.of(evaluate.configOf("fym", Map.of()));
    assertEquals(List.of(base().baseHash()), evaluate.denoiserBases(fym).stream().map(DenoiserSettings::baseHash)
        .toList());
    List<EvalItem> items = evaluate.items(ALICE, fym, true);
    assertEquals(1, items.size());
    String uri = store.read(Tables.DENOISERS).first().getAs("uri");
    assertEquals(Map.of(base().baseHash(), uri), items.get(0).denoiserUris());
    long denoisers = versions()[0];
    int[] r = evaluate.run(ALICE, fym);
    assertEquals(List.of(1, 0), List.of(r[0], r[1]), () -> store.read(Tables.QUARANTINE).collectAsList().toString());
    assertEquals(denoisers, versions()[0], "the stored denoiser is used, none trained");
    Row corrected = store.read(Tables.CORRECTED).where("method = 'fym'").first();
    assertEquals(fym.get(0).hash(), corrected.getAs("config_hash"));
    Row metrics = store.read(Tables.METRICS).where("method = 'fym'").first();
    assertEquals(12L, metrics.<Long>getAs("frames"));
    long before = version(Tables.METRICS);
    assertEquals(0, evaluate.run(ALICE, fym)[0]);
    assertEquals(before, version(Tables.METRICS), "a rerun measures nothing again");
  }

  private static long[] versions() {
    return new long[] {version(Tables.DENOISERS), version(Tables.STAGE_RUNS), version(Tables.QUARANTINE)};
  }

  private static long version(TableDef t) {
    return DeltaTable.forPath(spark(), store.path(t)).history(1).first().<Long>getAs("version");
  }
}
