package ai.fym.jobs.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fym.engine.config.FymConfig;
import ai.fym.engine.testing.SyntheticVideos;
import ai.fym.jobs.tables.DeltaStore;
import ai.fym.jobs.tables.TableDef;
import ai.fym.jobs.tables.Tables;
import ai.fym.udfs.testing.SparkTestBase;
import io.delta.tables.DeltaTable;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ingest of a small generated corpus holding good clips and one of every bad input, on the shared
 * local Spark session: one quarantine row per bad input, all good clips ingested, a rerun changes no
 * table, a changed file is re-ingested without duplicates.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IngestJobTest extends SparkTestBase {
  @TempDir
  static Path dir;
  static Path corpus;
  static DeltaStore store;
  static FymConfig config;
  static IngestSummary first;

  @BeforeAll
  static void ingestCorpus() throws Exception {
    corpus = dir.resolve("corpus");
    Path scratch = Files.createDirectories(dir.resolve("scratch"));
    SyntheticVideos.movingPortrait(file("alice/walk.mp4"), 36, 320, 240, false);
    SyntheticVideos.movingPortrait(file("alice/cut.mkv"), 40, 320, 240, true);
    SyntheticVideos.frameFolder(corpus.resolve("bob/stills"), 24, 320, 240);
    Path goodAvi = scratch.resolve("good.avi");
    Path goodMov = scratch.resolve("good.mov");
    SyntheticVideos.movingPortrait(goodAvi, 40, 320, 240, false);
    SyntheticVideos.movingPortrait(goodMov, 40, 320, 240, false);
    SyntheticVideos.zeroByte(file("bad/zero.mp4"));
    SyntheticVideos.truncated(goodAvi, file("bad/truncated.avi"));
    SyntheticVideos.bitFlipped(goodMov, file("bad/flipped.mov"), 7);
    SyntheticVideos.textWithVideoExtension(file("bad/text.webm"));
    SyntheticVideos.unsupportedCodec(file("bad/codec.avi"));
    SyntheticVideos.noFace(file("bad/noface.mp4"), 30, 320, 240);
    SyntheticVideos.movingPortrait(file("bad/big.mp4"), 20, 480, 360, false);
    SyntheticVideos.movingPortrait(file("bad\u0007name/clip.mp4"), 20, 320, 240, false);
    Files.writeString(file("alice/notes.txt"), "not a video");
    config = FymConfig.defaults().with(FymConfig.INGEST_MAX_WIDTH, "400");
    store = new DeltaStore(spark(), dir.resolve("out").toString());
    first = ingest();
  }

  static Path file(String relative) throws Exception {
    Path p = corpus.resolve(relative);
    Files.createDirectories(p.getParent());
    return p;
  }

  static IngestSummary ingest() throws Exception {
    return new IngestJob(spark(), config, store, new PrintStream(new ByteArrayOutputStream())).run(corpus.toString());
  }

  @Test
  @Order(1)
  void everyBadInputBecomesOneQuarantineRowWithItsReason() {
    Map<String, String> reasons = new TreeMap<>();
    for (Row r : store.read(Tables.QUARANTINE).collectAsList()) {
      String name = r.getString(0).replaceAll(".*/corpus/", "");
      assertTrue(reasons.put(name, r.getString(4)) == null, "one row per input: " + name);
      assertTrue(r.getString(5).length() > 20, "a readable detail: " + r.getString(5));
    }
    assertEquals("EMPTY_FILE", reasons.get("bad/zero.mp4"));
    assertEquals("TRUNCATED_VIDEO", reasons.get("bad/truncated.avi"));
    assertTrue(List.of("CORRUPT_VIDEO", "NOT_A_VIDEO").contains(reasons.get("bad/flipped.mov")), reasons.toString());
    assertEquals("NOT_A_VIDEO", reasons.get("bad/text.webm"));
    assertEquals("UNSUPPORTED_CODEC", reasons.get("bad/codec.avi"));
    assertEquals("NO_FACE", reasons.get("bad/noface.mp4"));
    assertEquals("OVER_LIMITS", reasons.get("bad/big.mp4"));
    assertEquals("UNSAFE_NAME", reasons.get("bad%07name/clip.mp4"), reasons.toString());
    assertEquals(8, reasons.size(), reasons.toString());
    assertEquals(8, first.quarantined());
    assertEquals(1, first.ignoredFiles());
  }

  @Test
  @Order(2)
  void goodClipsAreIngestedWithShotsTracksAndFrames() {
    Map<String, String> status = store.read(Tables.CLIPS).collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getString(0) + "/" + r.getString(1), r -> r.getAs("status")));
    assertEquals("INGESTED", status.get("alice/walk"));
    assertEquals("INGESTED", status.get("alice/cut"));
    assertEquals("INGESTED", status.get("bob/stills"));
    assertEquals(3, first.ingested());
    assertEquals(2, store.read(Tables.SHOTS).where("clip = 'cut'").count(), "the generated cut splits two shots");
    long cutFrames = store.read(Tables.FRAMES).where("clip = 'cut'").count();
    assertTrue(cutFrames >= 36, "most of the 40 frames have a face: " + cutFrames);
    Row f = store.read(Tables.FRAMES).where("clip = 'walk' and frame_index = 10").first();
    assertEquals("alice", f.getString(0), "one person keeps the clip's identity");
    List<Float> landmarks = f.getList(9);
    assertEquals(136, landmarks.size());
    for (int i = 0; i < 136; i++) {
      assertTrue(landmarks.get(i) > 0 && landmarks.get(i) < 256, "landmarks lie in the 256 px crop");
    }
    byte[] png = f.getAs("crop_png");
    assertEquals((byte) 0x89, png[0]);
    assertEquals(List.of("alice"), store.read(Tables.TRACKS).where("clip = 'cut'").select("identity").distinct()
        .collectAsList().stream().map(r -> r.getString(0)).toList(), "tracks across the cut are one person");
  }

  @Test
  @Order(3)
  void rerunChangesNoTable() throws Exception {
    Map<String, Long> before = versions();
    IngestSummary again = ingest();
    assertEquals(0, again.ingested());
    assertEquals(again.discovered(), again.unchanged());
    assertEquals(before, versions());
  }

  @Test
  @Order(4)
  void changedFileIsReingestedWithoutDuplicates() throws Exception {
    SyntheticVideos.movingPortrait(corpus.resolve("alice/walk.mp4"), 24, 320, 240, false);
    IngestSummary s = ingest();
    assertEquals(1, s.ingested());
    List<Row> frames = store.read(Tables.FRAMES).where("clip = 'walk'").collectAsList();
    assertTrue(frames.size() <= 24 && frames.size() >= 20, "only the new file's frames: " + frames.size());
    assertEquals(frames.size(), frames.stream().map(r -> r.getAs("frame_index")).distinct().count());
    assertEquals(1, store.read(Tables.CLIPS).where("clip = 'walk'").count());
  }

  @Test
  @Order(5)
  void manifestWithAnUnreadableUriQuarantinesItAndIngestsTheRest() throws Exception {
    Path manifest = dir.resolve("manifest.csv");
    Files.writeString(manifest, "identity,clip,uri,subject\n"
        + "carol,talk," + corpus.resolve("alice/cut.mkv").toUri() + ",yes\n"
        + "dave,lost," + dir.resolve("nowhere/lost.mp4") + ",\n");
    DeltaStore other = new DeltaStore(spark(), dir.resolve("out-manifest").toString());
    IngestSummary s = new IngestJob(spark(), config, other, new PrintStream(new ByteArrayOutputStream()))
        .run(manifest.toString());
    assertEquals(1, s.ingested());
    assertEquals(1, s.quarantined());
    Row q = other.read(Tables.QUARANTINE).first();
    assertEquals("UNREADABLE", q.getString(4));
    assertTrue(q.getString(5).contains("lost.mp4"), q.getString(5));
    assertEquals(List.of("carol"), other.read(Tables.FRAMES).select("identity").distinct().collectAsList().stream()
        .map(r -> r.getString(0)).toList());
  }

  private static Map<String, Long> versions() {
    Map<String, Long> out = new TreeMap<>();
    for (TableDef t : Tables.INGEST) {
      out.put(t.name(), DeltaTable.forPath(spark(), store.path(t)).history(1).first().getAs("version"));
    }
    return out;
  }
}
