package ai.fym.jobs.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A real S3-compatible server on 127.0.0.1: s3proxy ({@code target/s3proxy.jar}, fetched by the build) run as its
 * own process over a folder, one sub-folder per bucket, with signed requests required.
 */
final class S3Server implements AutoCloseable {
  static final String ACCESS_KEY = "fym-test-access";
  static final String SECRET_KEY = "fym-test-secret-do-not-log";

  private final Process process;
  private final Path data;
  private final String endpoint;

  /** Starts the server with {@code bucket} created, and waits until it listens. */
  S3Server(Path dir, String bucket) throws Exception {
    data = Files.createDirectories(dir.resolve("s3-data"));
    Files.createDirectories(data.resolve(bucket));
    endpoint = "http://127.0.0.1:" + JavaProcesses.freePort();
    Path properties = dir.resolve("s3proxy.properties");
    Files.writeString(properties, String.join("\n",
        "s3proxy.endpoint=" + endpoint,
        "s3proxy.authorization=aws-v2-or-v4",
        "s3proxy.identity=" + ACCESS_KEY,
        "s3proxy.credential=" + SECRET_KEY,
        "jclouds.provider=filesystem-nio2",
        "jclouds.filesystem.basedir=" + data) + "\n");
    Path log = dir.resolve("s3proxy.log");
    process = JavaProcesses.start("256m", null, List.of("-jar", Path.of("target/s3proxy.jar").toString(),
        "--properties", properties.toString()), Map.of(), log);
    JavaProcesses.awaitLog(process, log, "Started", 1, Duration.ofSeconds(60));
  }

  /** The folder a bucket's objects lie in, one file per key. */
  Path bucketFolder(String bucket) {
    return data.resolve(bucket);
  }

  /** The {@code --set} options that point S3A at this server with its credentials. */
  List<String> s3aSettings() {
    return List.of(
        "--set", "spark.hadoop.fs.s3a.endpoint=" + endpoint,
        "--set", "spark.hadoop.fs.s3a.endpoint.region=us-east-1",
        "--set", "spark.hadoop.fs.s3a.path.style.access=true",
        "--set", "spark.hadoop.fs.s3a.connection.ssl.enabled=false",
        "--set", "spark.hadoop.fs.s3a.aws.credentials.provider="
            + "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider",
        "--set", "spark.hadoop.fs.s3a.access.key=" + ACCESS_KEY,
        "--set", "spark.hadoop.fs.s3a.secret.key=" + SECRET_KEY);
  }

  @Override
  public void close() throws Exception {
    JavaProcesses.stop(process);
  }
}
