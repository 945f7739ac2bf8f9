package ai.fym.jobs.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fym.engine.testing.SyntheticVideos;
import ai.fym.jobs.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * An {@code s3a://} corpus and output root end to end against a real S3-compatible server: ingest reads the clips
 * from the bucket and writes the Delta tables there; a second ingest of a grown corpus MERGEs into them; edits
 * upload their videos there; the tables are queried back over S3A; the credentials appear neither in the output
 * nor in the {@code runs} table.
 */
class S3StorageIT {
  static final String BUCKET = "fym";
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path dir;
  static S3Server s3;

  @BeforeAll
  static void startServer() throws Exception {
    s3 = new S3Server(dir, BUCKET);
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (s3 != null) {
      s3.close();
    }
  }

  @Test
  void ingestAndMergeOnAnS3Bucket() throws Exception {
    Path walk = dir.resolve("walk.mp4");
    SyntheticVideos.movingPortrait(walk, 24, 320, 240, false);
    s3.upload(walk, "s3a://" + BUCKET + "/corpus/alice/walk.mp4");
    String first = fym("ingest", "--corpus", "s3a://" + BUCKET + "/corpus");
    assertTrue(first.contains("1 ingested"), first);

    Path turn = dir.resolve("turn.mp4");
    SyntheticVideos.movingPortrait(turn, 24, 320, 240, true);
    s3.upload(turn, "s3a://" + BUCKET + "/corpus/bob/turn.mp4");
    String second = fym("ingest", "--corpus", "s3a://" + BUCKET + "/corpus");
    assertTrue(second.contains("1 ingested"), second);

    String edit = fym("edit", "--edit", "grade");
    assertTrue(edit.contains("2 clips edited, 0 failed"), "edited videos uploaded to the bucket:\n" + edit);

    String clips = fym("sql", "select identity, status from clips order by identity");
    assertTrue(clips.contains("alice") && clips.contains("bob"), clips);
    String history = fym("sql", "describe history delta.`s3a://" + BUCKET + "/out/tables/clips`");
    assertTrue(history.contains("MERGE"), "the second ingest merged into the table on S3:\n" + history);
    String runs = fym("sql", "select command, status, config['spark.hadoop.fs.s3a.secret.key'] as secret from runs");
    assertTrue(runs.contains("redacted"), runs);
    for (String out : List.of(first, second, edit, clips, history, runs)) {
      assertFalse(out.contains(S3Server.SECRET_KEY), "a credential was printed:\n" + out);
    }
  }

  /** Runs one command in this JVM on local Spark against the bucket; returns what it printed. */
  private static String fym(String... command) {
    List<String> argv = new ArrayList<>(List.of("--master", "local[2]", "--out", "s3a://" + BUCKET + "/out"));
    argv.addAll(s3.s3aSettings());
    argv.addAll(List.of(command));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int code = Main.run(argv, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertEquals(0, code, out);
    return out;
  }
}
