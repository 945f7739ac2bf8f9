package ai.fym.jobs.cluster;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts the separate JVMs of the integration tests (Spark master, workers, spark-submit, the S3 server) with
 * this test JVM's module and system flags, their output in a log file, and waits for what they print.
 */
public final class JavaProcesses {
  private JavaProcesses() {}

  /** This test JVM's module and system flags ({@code --add-opens}, {@code -D...}), for the JVMs it starts. */
  public static List<String> jvmFlags() {
    return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(f -> f.startsWith("--add-opens") || f.startsWith("-D") || f.startsWith("-XX:+Ignore")).toList();
  }

  /** Starts {@code java <flags> -Xmx<heap> -cp <classpath> <main and arguments>}, output to {@code log}. */
  static Process start(String heap, String classpath, List<String> mainAndArgs, Map<String, String> env, Path log)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmFlags());
    command.add("-Xmx" + heap);
    if (classpath != null) {
      command.add("-cp");
      command.add(classpath);
    }
    command.addAll(mainAndArgs);
    ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    b.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    b.environment().putAll(env);
    return b.start();
  }

  /** Waits until {@code log} holds {@code count} lines containing {@code text}; fails when the process dies. */
  static void awaitLog(Process p, Path log, String text, int count, Duration limit) throws Exception {
    long end = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < end) {
      if (Files.exists(log) && Files.readAllLines(log).stream().filter(l -> l.contains(text)).count() >= count) {
        return;
      }
      if (!p.isAlive()) {
        throw new IllegalStateException("process exited " + p.exitValue() + " before '" + text + "':\n"
            + Files.readString(log));
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("no '" + text + "' within " + limit + ":\n" + Files.readString(log));
  }

  /** Waits until the process accepts connections on 127.0.0.1:{@code port}; fails when it dies. */
  static void awaitPort(Process p, int port, Path log, Duration limit) throws Exception {
    long end = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < end) {
      try (java.net.Socket s = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
        return;
      } catch (IOException notYet) {
        if (!p.isAlive()) {
          throw new IllegalStateException("process exited " + p.exitValue() + ":\n" + Files.readString(log));
        }
        Thread.sleep(200);
      }
    }
    throw new IllegalStateException("nothing listens on port " + port + " within " + limit + ":\n"
        + Files.readString(log));
  }

  /** Waits for a process to end; returns its exit code (the process is killed past {@code limit}). */
  static int await(Process p, Duration limit) throws InterruptedException {
    if (!p.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor();
      return -1;
    }
    return p.exitValue();
  }

  /** Stops a process and its children (a worker's executors), gently first. */
  static void stop(Process p) throws InterruptedException {
    p.descendants().forEach(ProcessHandle::destroy);
    p.destroy();
    if (!p.waitFor(10, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly().waitFor();
    }
  }

  /** A free TCP port on 127.0.0.1. */
  static int freePort() throws IOException {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
