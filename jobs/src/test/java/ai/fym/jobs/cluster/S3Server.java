package ai.fym.jobs.cluster;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * A real S3-compatible server on 127.0.0.1: s3proxy ({@code target/s3proxy.jar}, fetched by the build) run as its
 * own process over a folder, one sub-folder per bucket, with signed requests required.
 */
final class S3Server implements AutoCloseable {
  static final String ACCESS_KEY = "fym-test-access";
  static final String SECRET_KEY = "fym-test-secret-do-not-log";

  private final Process process;
  private final String endpoint;

  /** Starts the server with {@code bucket} created, and waits until it listens. */
  S3Server(Path dir, String bucket) throws Exception {
    Path data = Files.createDirectories(dir.resolve("s3-data"));
    Files.createDirectories(data.resolve(bucket));
    int port = JavaProcesses.freePort();
    endpoint = "http://127.0.0.1:" + port;
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
    JavaProcesses.awaitPort(process, port, log, Duration.ofSeconds(60));
  }

  /** Uploads a local file to {@code s3a://BUCKET/KEY} through S3A, as a user's corpus would get there. */
  void upload(Path file, String uri) throws IOException {
    Configuration conf = new Configuration();
    hadoopSettings().forEach(conf::set);
    try (FileSystem fs = FileSystem.newInstance(URI.create(uri), conf);
         java.io.OutputStream out = fs.create(new org.apache.hadoop.fs.Path(uri), true)) {
      Files.copy(file, out);
    }
  }

  /** The {@code --set} options that point S3A at this server with its credentials. */
  List<String> s3aSettings() {
    List<String> out = new ArrayList<>();
    hadoopSettings().forEach((k, v) -> out.addAll(List.of("--set", "spark.hadoop." + k + "=" + v)));
    return out;
  }

  private Map<String, String> hadoopSettings() {
    return Map.of(
        "fs.s3a.endpoint", endpoint,
        "fs.s3a.endpoint.region", "us-east-1",
        "fs.s3a.path.style.access", "true",
        "fs.s3a.connection.ssl.enabled", "false",
        "fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider",
        "fs.s3a.access.key", ACCESS_KEY,
        "fs.s3a.secret.key", SECRET_KEY);
  }

  @Override
  public void close() throws Exception {
    JavaProcesses.stop(process);
  }
}
