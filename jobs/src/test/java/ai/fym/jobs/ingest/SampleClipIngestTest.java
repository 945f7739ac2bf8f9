package ai.fym.jobs.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fym.engine.config.FymConfig;
import ai.fym.engine.image.ImageCodec;
import ai.fym.engine.image.RgbImage;
import ai.fym.engine.testing.Samples;
import ai.fym.jobs.tables.DeltaStore;
import ai.fym.jobs.tables.Tables;
import ai.fym.udfs.testing.SparkTestBase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end on the real sample clip: shots, the people in it, their crops and landmarks. */
class SampleClipIngestTest extends SparkTestBase {
  @Test
  void megamindGivesItsShotsAndTwoMainPeopleAcrossShots(@TempDir Path dir) throws Exception {
    Path clip = Files.createDirectories(dir.resolve("corpus/megamind")).resolve("Megamind.avi");
    Files.copy(Samples.megamind(), clip);
    DeltaStore store = new DeltaStore(spark(), dir.resolve("out").toString());
    IngestSummary s = new IngestJob(spark(), FymConfig.defaults(), store,
        new PrintStream(new ByteArrayOutputStream())).run(dir.resolve("corpus").toString());
    assertEquals(1, s.ingested());

    List<Integer> shotStarts = store.read(Tables.SHOTS).orderBy("shot").collectAsList().stream()
        .map(r -> r.<Integer>getAs("start_frame")).toList();
    assertEquals(List.of(0, 1, 98, 154, 200), shotStarts, "a black lead-in frame, then three hard cuts");

    List<Row> people = store.read(Tables.FRAMES).groupBy("identity")
        .agg(org.apache.spark.sql.functions.count("*").as("n"),
            org.apache.spark.sql.functions.countDistinct("shot").as("shots"))
        .where("n > 100").orderBy("identity").collectAsList();
    assertEquals(2, people.size(), "the woman and the young man: " + people);
    for (Row p : people) {
      assertEquals(2L, p.<Long>getAs("shots"), "each main person is one identity over two shots: " + p);
    }
    long covered = store.read(Tables.FRAMES).where("frame_index >= 1").select("frame_index").distinct().count();
    assertTrue(covered >= 265, "every lit frame has a tracked face: " + covered);

    Row f = store.read(Tables.FRAMES).where("frame_index = 120").orderBy("track").first();
    RgbImage crop = ImageCodec.decode(f.getAs("crop_png"));
    assertEquals(256, crop.width());
    assertEquals(256, crop.height());
    List<Float> lm = f.getList(9);
    float eyeY = (lm.get(2 * 37 + 1) + lm.get(2 * 44 + 1)) / 2;
    float mouthY = (lm.get(2 * 51 + 1) + lm.get(2 * 57 + 1)) / 2;
    assertTrue(eyeY < mouthY && eyeY > 40 && mouthY < 220, "eyes above mouth inside the crop: " + eyeY + " " + mouthY);
  }
}
