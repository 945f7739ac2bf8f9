package ai.fym.jobs.avatar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fym.engine.avatar.AvatarFile;
import ai.fym.engine.avatar.CorrespondenceFile;
import ai.fym.engine.config.FymConfig;
import ai.fym.engine.image.ImageCodec;
import ai.fym.engine.image.RgbImage;
import ai.fym.engine.testing.Samples;
import ai.fym.engine.testing.SyntheticVideos;
import ai.fym.jobs.eval.Selection;
import ai.fym.jobs.ingest.IngestJob;
import ai.fym.jobs.tables.DeltaStore;
import ai.fym.jobs.tables.Tables;
import ai.fym.udfs.testing.SparkTestBase;
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
 * The avatars stage on a generated 30-frame clip with a cut, with tiny avatar settings, on the shared local
 * Spark session: one avatar per identity and one render per face frame with its shot's correspondence file, a
 * rerun commits nothing, and reenactment writes a video.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AvatarsJobTest extends SparkTestBase {
  @TempDir
  static Path dir;
  static DeltaStore store;
  static String out;
  static final FymConfig CONFIG = FymConfig.defaults().with(FymConfig.AVATAR_RESOLUTION, "32")
      .with(FymConfig.AVATAR_SPACING, "4").with(FymConfig.AVATAR_STEPS, "20").with(FymConfig.AVATAR_CODE_DIMS, "3")
      .with(FymConfig.AVATAR_HIDDEN, "8").with(FymConfig.AVATAR_CHECKPOINT_EVERY, "10")
      .with(FymConfig.AVATAR_DENSIFY_EVERY, "5");
  static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());

  @BeforeAll
  static void ingest() throws Exception {
    Path clip = Files.createDirectories(dir.resolve("corpus/alice")).resolve("walk.mp4");
    SyntheticVideos.movingPortrait(clip, 30, 320, 240, true);
    out = dir.resolve("out").toString();
    store = new DeltaStore(spark(), out);
    new IngestJob(spark(), CONFIG, store, QUIET).run(dir.resolve("corpus").toString());
  }

  @Test
  @Order(1)
  void everyIdentityGetsAnAvatarAndEveryFrameARender() throws Exception {
    AvatarSummary s = new AvatarsJob(spark(), CONFIG, store, out, QUIET).run(Selection.ALL);
    List<Row> people = store.read(Tables.FRAMES).groupBy("identity").count().orderBy("identity").collectAsList();
    assertEquals(people.size(), s.trained(), s.describe(out));
    assertEquals(0, s.failed());
    for (Row person : people) {
      String identity = person.getString(0);
      Row avatar = store.read(Tables.AVATARS).where("identity = '" + identity + "'").first();
      assertEquals(person.getLong(1), (long) avatar.<Integer>getAs("frames"));
      double heldOut = store.read(Tables.RENDERS).where("identity = '" + identity + "' and held_out")
          .agg(org.apache.spark.sql.functions.avg("psnr")).first().getDouble(0);
      assertEquals(heldOut, avatar.<Double>getAs("held_out_psnr"), 1e-6, "the avatar's score is its renders'");
      assertTrue(avatar.<Double>getAs("render_warp_short") >= 0 && avatar.<Double>getAs("source_warp_short") > 0,
          "temporal consistency of the renders beside the source's");
      Path file = Path.of(URI.create(avatar.getAs("uri")));
      assertEquals(avatar.<Integer>getAs("gaussians"), AvatarFile.read(file).model().gaussianCount());
      List<Row> renders = store.read(Tables.RENDERS).where("identity = '" + identity + "'").collectAsList();
      assertEquals(person.getLong(1), renders.size());
      for (Row r : renders) {
        RgbImage png = ImageCodec.decode(r.getAs("render_png"));
        assertEquals(32, png.width());
        CorrespondenceFile.Maps maps = CorrespondenceFile.read(Path.of(URI.create(r.getAs("correspondence_uri"))));
        assertEquals(32 * 32 * 3, maps.maps().get(0).length);
        assertTrue(java.util.Arrays.stream(maps.frames()).anyMatch(f -> f == r.<Integer>getAs("frame_index")));
      }
    }
    try (var files = Files.walk(dir.resolve("out/avatars"))) {
      assertFalse(files.anyMatch(f -> f.toString().endsWith(".ckpt")), "checkpoints are removed once stored");
    }
  }

  @Test
  @Order(2)
  void aRerunWithNothingToDoCommitsNothing() throws Exception {
    long version = DeltaTable.forPath(spark(), out + "/tables/avatars").history(1).first().getAs("version");
    AvatarSummary s = new AvatarsJob(spark(), CONFIG, store, out, QUIET).run(Selection.ALL);
    assertEquals(0, s.trained());
    assertEquals(s.identities(), s.stored());
    long after = DeltaTable.forPath(spark(), out + "/tables/avatars").history(1).first().getAs("version");
    assertEquals(version, after);
  }

  @Test
  @Order(3)
  void reenactmentWritesOneVideoFramePerDriverFrame() throws Exception {
    String identity = store.read(Tables.AVATARS).orderBy("identity").first().getString(0);
    Reenactor.Output video = new Reenactor(spark(), CONFIG, store, out).run(identity, "walk", null);
    List<RgbImage> frames = Samples.frames(Path.of(URI.create(video.uri())));
    assertEquals(video.frames(), frames.size());
    assertEquals(64, frames.get(0).width(), "driver crop and avatar side by side");
  }
}
