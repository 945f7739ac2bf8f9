package ai.fym.udfs.io;

import ai.fym.engine.errors.Errors;
import ai.fym.engine.naming.SafeNames;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.TaskContext;

/**
/**
 * Puts large artifacts (edited and corrected videos, trajectory fields, avatars) under the output root on any
 * Hadoop file system. Every write goes to an attempt-unique name ({@code shot-0-abc.a1-3f9c2e1d.field}: the Spark
 * task attempt and a random tag), so two attempts of one work item (a retry, a zombie task, a rerun after a driver
 * crash) never overwrite each other: only the uri the driver commits to Delta is referenced, and
 * {@code bin/fym gc} removes the others. A file is copied to a temporary name and renamed into place, so a reader
 * never sees half of it; on an object store, where an upload appears whole or not at all and a rename is a copy,
 * it is uploaded to its name directly. Relative paths are checked segment by segment ({@link SafeNames}), so
 * nothing lands outside the output root.
 */
public final class ArtifactStore implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Schemes whose writes are atomic uploads. */
  private static final Set<String> OBJECT_STORES = Set.of("s3a", "gs");
  private final String outRoot;
  private final Map<String, String> hadoopSettings;

  /** A stored artifact: its absolute uri and the sha256 of its bytes. */
  public record Artifact(String uri, String sha256) {}

  public ArtifactStore(String outRoot, Map<String, String> hadoopSettings) {
    this.outRoot = outRoot.replaceAll("/+$", "");
    this.hadoopSettings = Map.copyOf(hadoopSettings);
  }

  /** Copies a local file to an attempt-unique name derived from {@code <out>/<relative>}; returns its uri. */
  public String put(Path local, String relative) throws IOException {
    return store(local, relative).uri();
  }

  /** {@link #put}, also returning the file's sha256 (for the {@code stage_runs} ledger). */
  public Artifact store(Path local, String relative) throws IOException {
    org.apache.hadoop.fs.Path dest = new org.apache.hadoop.fs.Path(outRoot + "/" + attemptUnique(checked(relative)));
    FileSystem fs = dest.getFileSystem(conf());
    fs.mkdirs(dest.getParent());
    if (OBJECT_STORES.contains(fs.getUri().getScheme())) {
      write(local, fs, dest);
      return new Artifact(fs.makeQualified(dest).toUri().toString(), sha256(local));
    }
    org.apache.hadoop.fs.Path tmp = new org.apache.hadoop.fs.Path(dest.getParent(), "._tmp-" + dest.getName());
    fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(local.toUri()), tmp);
    if (!fs.rename(tmp, dest)) {
      fs.delete(tmp, false);
      throw new IOException("cannot move " + tmp + " to " + dest);
    }
    return new Artifact(fs.makeQualified(dest).toUri().toString(), sha256(local));
  }

  /** Streams a local file to a new file of {@code fs} (S3A's streaming upload needs no async HTTP client). */
  private static void write(Path local, FileSystem fs, org.apache.hadoop.fs.Path to) throws IOException {
    try (OutputStream out = fs.create(to, true)) {
      Files.copy(local, out);
    }
  }

  /**
   * The local file {@code <out>/<relative>} when the output root is a local folder (or {@code file:} uri), so
   * that a file written there in place (a training checkpoint) outlives the task; null for a remote root.
   */
  public Path localPath(String relative) {
    String safe = checked(relative);
    if (outRoot.startsWith("file:")) {
      return Path.of(java.net.URI.create(outRoot + "/" + safe));
    }
    return outRoot.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*") ? null : Path.of(outRoot, safe);
  }

  /** The relative path when every segment is a safe name (no {@code ..}, no absolute path, no control character). */
  static String checked(String relative) {
    for (String segment : relative.split("/", -1)) {
      if (!SafeNames.isSafe(segment)) {
        throw new IllegalArgumentException(Errors.unsafeName("artifact path", relative).getMessage());
      }
    }
    return relative;
  }

  /** {@code dir/name.ext} (or {@code name.face.field}) becomes {@code dir/name.a<attempt>-<8 random hex>.ext}. */
  static String attemptUnique(String relative) {
    TaskContext task = TaskContext.get();
    String tag = "a" + (task == null ? 0 : task.attemptNumber()) + "-"
        + UUID.randomUUID().toString().substring(0, 8);
    int slash = relative.lastIndexOf('/');
    int dot = relative.indexOf('.', slash + 1);
    return dot > 0 ? relative.substring(0, dot) + "." + tag + relative.substring(dot) : relative + "." + tag;
  }

  /** The sha256 of a local file, as 64 hex digits. */
  public static String sha256(Path file) throws IOException {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private Configuration conf() {
    Configuration c = new Configuration();
    hadoopSettings.forEach(c::set);
    return c;
  }
}
