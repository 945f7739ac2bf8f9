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

  @Test
  void credentialsAreRedactedAndEveryConfFileIsValid() throws Exception {
    FymConfig c = FymConfig.defaults().with("spark.hadoop.fs.s3a.access.key", "AKIA")
        .with("spark.hadoop.fs.s3a.secret.key", "s3cr3t").with("spark.hadoop.fs.s3a.session.token", "t0k")
        .with("spark.ssl.keyPassword", "pw").with("spark.hadoop.fs.s3a.endpoint", "http://127.0.0.1:9000");
    java.util.Map<String, String> shown = c.redacted();
    for (String key : java.util.List.of("spark.hadoop.fs.s3a.access.key", "spark.hadoop.fs.s3a.secret.key",
        "spark.hadoop.fs.s3a.session.token", "spark.ssl.keyPassword")) {
      assertEquals(FymConfig.REDACTED, shown.get(key), key);
    }
    assertEquals("http://127.0.0.1:9000", shown.get("spark.hadoop.fs.s3a.endpoint"));
    for (String name : java.util.List.of("local", "cluster", "gpu")) {
      FymConfig.defaults().withFile(Path.of("../conf/" + name + ".conf"));
    }
  }

  @Test
  void credentialsAreRedactedAndNeverAcceptedInsideTheOutputUri() {
    FymConfig c = FymConfig.defaults().with("spark.hadoop.fs.s3a.secret.key", "S3CR3T")
        .with("spark.hadoop.fs.s3a.access.key", "AKIA1").with("spark.hadoop.fs.s3a.session.token", "T0K3N")
        .with("spark.sql.shuffle.partitions", "3");
    assertEquals("S3CR3T", c.sparkSettings().get("spark.hadoop.fs.s3a.secret.key"), "Spark still gets it");
    for (String secret : new String[] {"S3CR3T", "AKIA1", "T0K3N"}) {
      assertTrue(!c.toString().contains(secret) && !c.redacted().containsValue(secret), c.toString());
    }
    assertEquals("3", c.redacted().get("spark.sql.shuffle.partitions"));
    IllegalArgumentException inUri = assertThrows(IllegalArgumentException.class,
        () -> c.with(FymConfig.OUT, "s3a://AKIA1:S3CR3T@bucket/fym"));
    assertTrue(inUri.getMessage().contains("credentials") && !inUri.getMessage().contains("S3CR3T"),
        inUri.getMessage());
    c.with(FymConfig.OUT, "s3a://bucket/fym@2026");
  }

  @Test
  void faultKeysAreChecked() {
    FymConfig c = FymConfig.defaults();
    FymConfig soak = c.with(FymConfig.FAULTS_TASK_FAILURE_RATE, "0.2");
    assertEquals(0.2, soak.getDouble(FymConfig.FAULTS_TASK_FAILURE_RATE));
    IllegalArgumentException one = assertThrows(IllegalArgumentException.class,
        () -> c.with(FymConfig.FAULTS_TASK_FAILURE_RATE, "1"));
    assertTrue(one.getMessage().contains("[0, 1)"), one.getMessage());
    assertThrows(IllegalArgumentException.class, () -> c.with(FymConfig.FAULTS_SEED, "x"));
  }
}
