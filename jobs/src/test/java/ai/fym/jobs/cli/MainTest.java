package ai.fym.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fym.engine.config.FymConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MainTest {
  private static String run(int expectedCode, String... argv) {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int code = Main.run(List.of(argv), new PrintStream(buf, true, StandardCharsets.UTF_8));
    String text = buf.toString(StandardCharsets.UTF_8);
    assertEquals(expectedCode, code, text);
    return text;
  }

  @Test
  void helpListsEveryCommandAndEachCommandHasItsOwnHelp() {
    String help = run(0, "--help");
    for (String c : List.of("ingest", "trajectories", "correct", "sql", "demo", "bench", "test")) {
      assertTrue(help.contains("  " + c), help);
    }
    assertTrue(run(0, "ingest", "--help").contains("--corpus"));
    assertTrue(run(0, "sql", "--help").contains("group by identity"));
    assertTrue(run(0, "trajectories", "--help").contains("fym.trajectory.region=face"));
    assertTrue(run(0, "correct", "--help").contains("fym{reweight=0}"));
  }

  @Test
  void unknownCommandsOptionsAndConfigKeysFailWithExitCode2() {
    assertTrue(run(2, "frobnicate").contains("unknown command"));
    assertTrue(run(2, "ingest", "--corpse", "x").contains("unknown option --corpse"));
    assertTrue(run(2, "--set", "fym.nope=1", "ingest", "--corpus", "x").contains("fym.nope"));
    assertTrue(run(2, "ingest").contains("--corpus"));
  }

  @Test
  void globalOptionsBuildTheConfiguration() throws Exception {
    Args global = Args.parse(List.of("--out", "s3a://bucket/fym", "--set", "fym.ingest.cropSize=128"), List.of());
    FymConfig c = Main.configure(global, Args.parse(List.of(), List.of()));
    assertEquals("s3a://bucket/fym", c.get(FymConfig.OUT));
    assertEquals(128, c.getInt(FymConfig.INGEST_CROP_SIZE));
  }

  @Test
  void theRecordedCommandLineHidesCredentials() {
    String recorded = Main.recorded(List.of("ingest", "--corpus", "s3a://b/c", "--set",
        "spark.hadoop.fs.s3a.secret.key=hunter2", "--set", "spark.hadoop.fs.s3a.endpoint=http://127.0.0.1:9000"));
    assertEquals("ingest --corpus s3a://b/c --set spark.hadoop.fs.s3a.secret.key=" + FymConfig.REDACTED
        + " --set spark.hadoop.fs.s3a.endpoint=http://127.0.0.1:9000", recorded);
  }

  @Test
  void reliabilityCommandsHaveHelpAndTheSoakGivesLocalTasksRetries() {
    assertTrue(run(0, "status", "--help").contains("stage_runs"));
    assertTrue(run(0, "gc", "--help").contains("--grace-seconds"));
    assertTrue(run(0, "soak", "--help").contains("fym.faults.taskFailureRate"));
    assertEquals("local[*,4]", SoakCommand.withRetries("local[*]"));
    assertEquals("local[2,4]", SoakCommand.withRetries("local[2]"));
    assertEquals("local[2,3]", SoakCommand.withRetries("local[2,3]"));
    assertEquals("spark://host:7077", SoakCommand.withRetries("spark://host:7077"));
  }

  @Test
  void credentialsInTheCommandLineAreNeverEchoed() {
    String text = run(2, "--set", "spark.hadoop.fs.s3a.secret.key=S3CR3T", "--out", "s3a://AKIA1:S3CR3T@bucket/x",
        "status");
    assertTrue(text.contains("credentials") && !text.contains("S3CR3T") && !text.contains("AKIA1"), text);
  }
}
