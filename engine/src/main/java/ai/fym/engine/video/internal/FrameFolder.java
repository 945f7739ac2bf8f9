package ai.fym.engine.video.internal;

import ai.fym.engine.errors.Errors;
import ai.fym.engine.errors.FymException;
import ai.fym.engine.image.ImageCodec;
import ai.fym.engine.image.RgbImage;
import ai.fym.engine.video.VideoInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A folder of PNG/JPEG frames read as a video: frames in natural name order ({@code 2.png} before
 * {@code 10.png}), timing from a given frame rate, and every frame the size of the first.
 */
public final class FrameFolder implements FrameSource {
  private final List<Path> files;
  private final String input;
  private final int width;
  private final int height;
  private int index;

  private FrameFolder(List<Path> files, String input, int width, int height) {
    this.files = files;
    this.input = input;
    this.width = width;
    this.height = height;
  }

  /** The folder's frame files in natural order (regular files ending in .png, .jpg or .jpeg). */
  public static List<Path> frameFiles(Path dir, String input) throws FymException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries
          .filter(p -> Files.isRegularFile(p) && codecOf(p) != null)
          .sorted((a, b) -> NaturalOrder.INSTANCE.compare(a.getFileName().toString(), b.getFileName().toString()))
          .toList();
    } catch (IOException e) {
      throw Errors.unreadable(input, e);
    }
  }

  /** Describes the folder by decoding its first frame; the duration follows from {@code fps}. */
  public static VideoInfo probe(List<Path> files, String input, double fps) throws FymException {
    if (files.isEmpty()) {
      throw Errors.notAVideo(input, "the folder holds no .png, .jpg or .jpeg frames");
    }
    RgbImage first = decode(files.get(0), input);
    String codec = files.stream().map(FrameFolder::codecOf).distinct().sorted()
        .reduce((a, b) -> a + "+" + b).orElseThrow();
    return new VideoInfo("frames", codec, first.width(), first.height(), fps, files.size(), files.size() / fps);
  }

  /** Reads the frames of a folder already described by {@link #probe}. */
  public static FrameFolder open(List<Path> files, String input, VideoInfo info) {
    return new FrameFolder(files, input, info.width(), info.height());
  }

  @Override
  public RgbImage next() throws FymException {
    if (index >= files.size()) {
      return null;
    }
    Path file = files.get(index++);
    RgbImage frame = decode(file, input);
    if (frame.width() != width || frame.height() != height) {
      throw Errors.corruptVideo(input, "frame " + file.getFileName() + " is " + frame.width() + "x"
          + frame.height() + " but the first frame is " + width + "x" + height
          + "; all frames of a folder must have the same size");
    }
    return frame;
  }

  @Override
  public void close() {
    index = files.size();
  }

  private static RgbImage decode(Path file, String input) throws FymException {
    try {
      return ImageCodec.read(file);
    } catch (IOException e) {
      throw Errors.unreadable(input + "/" + file.getFileName(), e);
    } catch (IllegalArgumentException e) {
      throw Errors.corruptVideo(input, "frame " + file.getFileName() + " is not a decodable image");
    }
  }

  private static String codecOf(Path p) {
    String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".png")) {
      return "png";
    }
    return name.endsWith(".jpg") || name.endsWith(".jpeg") ? "jpeg" : null;
  }
}
