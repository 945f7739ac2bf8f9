package ai.fym.jobs.ingest;

import ai.fym.engine.errors.Errors;
import ai.fym.engine.errors.FymException;
import ai.fym.engine.naming.SafeNames;
import ai.fym.udfs.ingest.ClipInput;
import ai.fym.udfs.ingest.IngestRows;
import java.io.IOException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;

/**
 * Finds the clips of a corpus on any Hadoop file system ({@code file:}, {@code s3a:}): either a
 * folder laid out as {@code <root>/<identity>/<clip>.<ext>} (a sub-folder of PNG/JPEG frames is a
 * clip too; a video directly under the root is its own identity), or a manifest file
 * ({@code .csv}, {@code .jsonl}, {@code .json}) read by {@link ManifestReader}.
 */
public final class CorpusDiscovery {
  static final Set<String> VIDEO_EXTENSIONS = Set.of("mp4", "avi", "mov", "mkv", "webm", "m4v");
  static final Set<String> FRAME_EXTENSIONS = Set.of("png", "jpg", "jpeg");
  private static final Set<String> MANIFEST_EXTENSIONS = Set.of("csv", "jsonl", "json");

  private final Configuration hadoop;

  public CorpusDiscovery(Configuration hadoop) {
    this.hadoop = hadoop;
  }

  /** Discovers a folder or a manifest; a missing or unreadable corpus root fails the whole command. */
  public Discovery discover(String corpus) throws IOException, FymException {
    Path root = new Path(corpus);
    FileSystem fs = root.getFileSystem(hadoop);
    FileStatus status;
    try {
      status = fs.getFileStatus(root);
    } catch (IOException e) {
      throw Errors.unreadable(corpus, e);
    }
    if (status.isFile() && MANIFEST_EXTENSIONS.contains(extension(root.getName()))) {
      return withoutDuplicates(new ManifestReader(hadoop).read(status.getPath()));
    }
    if (!status.isDirectory()) {
      throw Errors.notACorpus(corpus);
    }
    List<ClipInput> clips = new ArrayList<>();
    List<Row> quarantine = new ArrayList<>();
    int ignored = 0;
    for (FileStatus child : sorted(fs.listStatus(status.getPath()))) {
      String name = child.getPath().getName();
      if (name.startsWith(".") || name.startsWith("_")) {
        continue;
      }
      if (child.isDirectory()) {
        ignored += identityFolder(fs, child, clips, quarantine);
      } else if (VIDEO_EXTENSIONS.contains(extension(name))) {
        add(stem(name), stem(name), child, false, clips, quarantine);
      } else {
        ignored++;
      }
    }
    return withoutDuplicates(new Discovery(clips, quarantine, ignored));
  }

  /**
   * Two sources for one (identity, clip), e.g. {@code a.mp4} and {@code a.avi}, would mix their rows
   * under one key: the first (in name order) is kept, the others are quarantined.
   */
  static Discovery withoutDuplicates(Discovery d) {
    Map<String, ClipInput> kept = new java.util.LinkedHashMap<>();
    List<Row> quarantine = new ArrayList<>(d.quarantine());
    for (ClipInput c : d.clips()) {
      ClipInput first = kept.putIfAbsent(c.identity() + "\u0000" + c.clip(), c);
      if (first != null) {
        quarantine.add(IngestRows.quarantine(c, "discover",
            Errors.duplicateClip(c.uri(), c.identity(), c.clip(), first.uri()), now()));
      }
    }
    return new Discovery(new ArrayList<>(kept.values()), quarantine, d.ignoredFiles());
  }

  private int identityFolder(FileSystem fs, FileStatus folder, List<ClipInput> clips, List<Row> quarantine)
      throws IOException {
    String identity = folder.getPath().getName();
    int ignored = 0;
    for (FileStatus child : sorted(fs.listStatus(folder.getPath()))) {
      String name = child.getPath().getName();
      if (name.startsWith(".")) {
        continue;
      }
      if (child.isDirectory()) {
        if (hasFrames(fs, child)) {
          add(identity, name, child, true, clips, quarantine);
        } else {
          ignored++;
        }
      } else if (VIDEO_EXTENSIONS.contains(extension(name))) {
        add(identity, stem(name), child, false, clips, quarantine);
      } else {
        ignored++;
      }
    }
    return ignored;
  }

  private static void add(String identity, String clip, FileStatus source, boolean frameFolder,
      List<ClipInput> clips, List<Row> quarantine) {
    ClipInput in = new ClipInput(identity, clip, source.getPath().toUri().toString(),
        frameFolder ? 0 : source.getLen(), source.getModificationTime(), false, Map.of());
    try {
      SafeNames.check("identity", identity);
      SafeNames.check("clip", clip);
      clips.add(in);
    } catch (FymException e) {
      quarantine.add(IngestRows.quarantine(in, "discover", e, now()));
    }
  }

  private static boolean hasFrames(FileSystem fs, FileStatus dir) throws IOException {
    return Arrays.stream(fs.listStatus(dir.getPath()))
        .anyMatch(s -> s.isFile() && FRAME_EXTENSIONS.contains(extension(s.getPath().getName())));
  }

  static String extension(String name) {
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }

  static String stem(String name) {
    int dot = name.lastIndexOf('.');
    return dot <= 0 ? name : name.substring(0, dot);
  }

  private static FileStatus[] sorted(FileStatus[] items) {
    Arrays.sort(items, Comparator.comparing(s -> s.getPath().getName()));
    return items;
  }

  static Timestamp now() {
    return new Timestamp(System.currentTimeMillis());
  }
}
