package ai.fym.udfs.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * Puts large artifacts (edited and corrected videos, trajectory fields) under the output root on any Hadoop file system.
 * An executor writes the artifact to a local file, then {@link #put} copies it to a temporary name
 * next to its destination and renames it into place, so a reader never sees a half-written file. On an object
 * store, where an upload appears whole or not at all and a rename is a copy, it uploads to the destination.
 */
public final class ArtifactStore implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Schemes whose writes are atomic uploads. */
  private static final Set<String> OBJECT_STORES = Set.of("s3a", "gs");
  private final String outRoot;
  private final Map<String, String> hadoopSettings;

  public ArtifactStore(String outRoot, Map<String, String> hadoopSettings) {
    this.outRoot = outRoot.replaceAll("/+$", "");
    this.hadoopSettings = Map.copyOf(hadoopSettings);
  }

  /** Copies a local file to {@code <out>/<relative>} (replacing it) and returns its absolute uri. */
  public String put(Path local, String relative) throws IOException {
    org.apache.hadoop.fs.Path dest = new org.apache.hadoop.fs.Path(outRoot + "/" + relative);
    FileSystem fs = dest.getFileSystem(conf());
    fs.mkdirs(dest.getParent());
    if (OBJECT_STORES.contains(fs.getUri().getScheme())) {
      write(local, fs, dest);
      return fs.makeQualified(dest).toUri().toString();
    }
    org.apache.hadoop.fs.Path tmp = new org.apache.hadoop.fs.Path(dest.getParent(),
        "._tmp-" + java.util.UUID.randomUUID() + "-" + dest.getName());
    write(local, fs, tmp);
    fs.delete(dest, false);
    if (!fs.rename(tmp, dest)) {
      fs.delete(tmp, false);
      throw new IOException("cannot move " + tmp + " to " + dest);
    }
    return fs.makeQualified(dest).toUri().toString();
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
    if (outRoot.startsWith("file:")) {
      return Path.of(java.net.URI.create(outRoot + "/" + relative));
    }
    return outRoot.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*") ? null : Path.of(outRoot, relative);
  }

  private Configuration conf() {
    Configuration c = new Configuration();
    hadoopSettings.forEach(c::set);
    return c;
  }
}
