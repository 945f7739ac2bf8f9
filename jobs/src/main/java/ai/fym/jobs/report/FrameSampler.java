package ai.fym.jobs.report;

import ai.fym.engine.errors.FymException;
import ai.fym.engine.image.RgbImage;
import ai.fym.engine.video.VideoLimits;
import ai.fym.engine.video.VideoReader;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * Picks a few frames spread over a clip and decodes them from a video uri: a {@code file:} uri (or a
 * plain path) is read in place, any other Hadoop uri ({@code s3a:}) is copied to a scratch folder first.
 */
final class FrameSampler {
  private final Configuration hadoop;
  private final Path scratch;

  FrameSampler(Configuration hadoop, Path scratch) {
    this.hadoop = hadoop;
    this.scratch = scratch;
  }

  /** Up to {@code count} distinct frame indices evenly spread over {@code [0, frames)}, first and last included. */
  static List<Integer> spread(long frames, int count) {
    TreeSet<Integer> picked = new TreeSet<>();
    if (frames <= 0 || count <= 0) {
      return List.of();
    }
    if (count == 1 || frames == 1) {
      return List.of(0);
    }
    for (int i = 0; i < count; i++) {
      picked.add((int) Math.round(i * (frames - 1) / (double) (count - 1)));
    }
    return new ArrayList<>(picked);
  }

  /**
   * The frames at {@code indices} (ascending) of the video at {@code uri}; an entry is null where the
   * video ends first. Decoding stops after the last wanted frame.
   */
  List<RgbImage> read(String uri, List<Integer> indices) throws IOException, FymException {
    List<RgbImage> out = new ArrayList<>(Collections.nCopies(indices.size(), null));
    if (indices.isEmpty()) {
      return out;
    }
    try (VideoReader reader = VideoReader.open(localise(uri), VideoLimits.defaults())) {
      int wanted = 0;
      for (int index = 0; wanted < indices.size(); index++) {
        RgbImage frame = reader.next();
        if (frame == null) {
          break;
        }
        if (index == indices.get(wanted)) {
          out.set(wanted++, frame);
        }
      }
    }
    return out;
  }

  private Path localise(String uri) throws IOException {
    if (!uri.matches("[A-Za-z][A-Za-z0-9+.-]*:.*")) {
      return Path.of(uri);
    }
    URI parsed = URI.create(uri);
    if (parsed.getScheme().equals("file")) {
      return Path.of(parsed);
    }
    String name = Path.of(parsed.getPath()).getFileName().toString();
    Path local = Files.createTempFile(Files.createDirectories(scratch), "video-", "-" + name);
    org.apache.hadoop.fs.Path remote = new org.apache.hadoop.fs.Path(parsed);
    FileSystem.get(parsed, hadoop).copyToLocalFile(false, remote, new org.apache.hadoop.fs.Path(local.toUri()), true);
    return local;
  }
}
