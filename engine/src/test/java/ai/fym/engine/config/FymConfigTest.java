package ai.fym.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FymConfigTest {
  @Test
  void fileOverridesDefaultsAndSparkKeysPassThrough(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("x.conf");
    Files.writeString(f, "fym.ingest.cropSize=128\nspark.sql.shuffle.partitions=3\n");
    FymConfig c = FymConfig.defaults().withFile(f);
    assertEquals(128, c.getInt(FymConfig.INGEST_CROP_SIZE));
    assertEquals("3", c.sparkSettings().get("spark.sql.shuffle.partitions"));
    assertEquals(FymConfig.OUT_DEFAULT, c.get(FymConfig.OUT));
  }

  @Test
  void rejectsUnknownKeysAndBadValuesWithTheKeyInTheMessage() {
    FymConfig c = FymConfig.defaults();
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> c.with("fym.ingest.cropSzie", "1"));
    assertTrue(unknown.getMessage().contains("fym.ingest.cropSzie"));
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
        () -> c.with(FymConfig.INGEST_MIN_FACE_SCORE, "1.5"));
    assertTrue(bad.getMessage().contains(FymConfig.INGEST_MIN_FACE_SCORE));
    assertThrows(IllegalArgumentException.class, () -> c.with(FymConfig.INGEST_CROP_SIZE, "abc"));
  }
}
