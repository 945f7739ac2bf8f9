package ai.fym.udfs.io;

import ai.fym.engine.errors.Errors;
import ai.fym.engine.errors.FymException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;

/**
 * Makes a source uri readable by the native decoder: a local file or frame folder is used in place,
 * anything on another Hadoop file system ({@code s3a:}, {@code hdfs:}) is copied to a local
 * temporary file or folder first. The sha256 of the content (for a frame folder: of each file's
 * name and bytes in name order) is computed in the same pass. Carries the Hadoop settings it needs
 * so that executors can open remote file systems.
 */
public final class Localizer implements Serializable {
  private static final long serialVersionUID = 1L;
  private final Map<String, String> hadoopSettings;

  public Localizer(Map<String, String> hadoopSettings) {
    this.hadoopSettings = Map.copyOf(hadoopSettings);
  }

  /** A local copy (or the source itself) and its sha256; closing it removes a temporary copy. */
  public Local localize(String uri, Path tempDir) throws FymException {
    try {
      URI u = URI.create(uri);
      MessageDigest md = sha256();
      if (u.getScheme() == null || "file".equals(u.getScheme())) {
        Path p = u.getScheme() == null ? Path.of(uri) : Path.of(u);
        if (Files.isDirectory(p)) {
          try (Stream<Path> files = Files.list(p)) {
            for (Path f : files.filter(Files::isRegularFile).sorted(Comparator.comparing(Path::toString)).toList()) {
              md.update(f.getFileName().toString().getBytes(StandardCharsets.UTF_8));
              digest(Files.newInputStream(f), md, null);
            }
          }
        } else {
          digest(Files.newInputStream(p), md, null);
        }
        return new Local(p, HexFormat.of().formatHex(md.digest()), false);
      }
      return copyRemote(u, tempDir, md);
    } catch (IOException | RuntimeException e) {
      throw Errors.unreadable(uri, e);
    }
  }

  /** The Hadoop configuration built from the carried settings. */
  public Configuration hadoopConf() {
    Configuration conf = new Configuration();
    hadoopSettings.forEach(conf::set);
    return conf;
  }

  private Local copyRemote(URI u, Path tempDir, MessageDigest md) throws IOException {
    org.apache.hadoop.fs.Path src = new org.apache.hadoop.fs.Path(u);
    FileSystem fs = FileSystem.get(u, hadoopConf());
    FileStatus status = fs.getFileStatus(src);
    if (status.isDirectory()) {
      Path dir = Files.createTempDirectory(tempDir, "fym-src-");
      FileStatus[] children = fs.listStatus(src);
      Arrays.sort(children, Comparator.comparing(s -> s.getPath().getName()));
      for (FileStatus child : children) {
        if (child.isFile()) {
          String name = child.getPath().getName();
          md.update(name.getBytes(StandardCharsets.UTF_8));
          try (OutputStream out = Files.newOutputStream(dir.resolve(name))) {
            digest(fs.open(child.getPath()), md, out);
          }
        }
      }
      return new Local(dir, HexFormat.of().formatHex(md.digest()), true);
    }
    Path tmp = Files.createTempFile(tempDir, "fym-src-", suffix(u.getPath()));
    try (OutputStream out = Files.newOutputStream(tmp)) {
      digest(fs.open(src), md, out);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    return new Local(tmp, HexFormat.of().formatHex(md.digest()), true);
  }

  private static String suffix(String path) {
    int dot = path == null ? -1 : path.lastIndexOf('.');
    return dot < 0 || dot < path.lastIndexOf('/') ? "" : path.substring(dot);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void digest(InputStream source, MessageDigest md, OutputStream copy) throws IOException {
    byte[] buf = new byte[1 << 16];
    try (InputStream in = source) {
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
        if (copy != null) {
          copy.write(buf, 0, n);
        }
      }
    }
  }

  /** A local path for a source and the sha256 of its content. */
  public record Local(Path path, String sha256, boolean temporary) implements AutoCloseable {
    @Override
    public void close() throws IOException {
      if (!temporary) {
        return;
      }
      if (Files.isDirectory(path)) {
        try (Stream<Path> files = Files.list(path)) {
          for (Path f : files.toList()) {
            Files.deleteIfExists(f);
          }
        }
      }
      Files.deleteIfExists(path);
    }
  }
}
