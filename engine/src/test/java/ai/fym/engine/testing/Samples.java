package ai.fym.engine.testing;

import ai.fym.engine.errors.FymException;
import ai.fym.engine.face.FaceDetection;
import ai.fym.engine.face.FaceDetector;
import ai.fym.engine.face.FaceDetectors;
import ai.fym.engine.geom.Box;
import ai.fym.engine.image.RgbImage;
import ai.fym.engine.video.VideoLimits;
import ai.fym.engine.video.VideoReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Locates the real sample media fetched by {@code bin/fetch-samples} (the Megamind clip and the
 * Grace Hopper portrait). Tests that need them fail with a clear message when they are missing:
 * CI and {@code bin/fym test} fetch them first.
 */
public final class Samples {
  private Samples() {}

  public static Path folder() {
    String env = System.getenv("FYM_SAMPLES");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    String cache = System.getenv("FYM_CACHE");
    Path base = cache != null && !cache.isBlank()
        ? Path.of(cache) : Path.of(System.getProperty("user.home"), ".cache", "fym");
    return base.resolve("samples");
  }

  public static Path megamind() {
    return require("Megamind.avi");
  }

  public static Path graceHopper() {
    return require("grace_hopper_512x512.jpg");
  }

  /** Every frame of a video (or frame folder), decoded by the project's reader. */
  public static List<RgbImage> frames(Path video) throws FymException {
    List<RgbImage> frames = new ArrayList<>();
    try (VideoReader reader = VideoReader.open(video, VideoLimits.defaults())) {
      for (RgbImage f = reader.next(); f != null; f = reader.next()) {
        frames.add(f);
      }
    }
    return frames;
  }

  /** The largest face the Haar cascade finds, an independent detector for checking the others. */
  public static Optional<Box> largestHaarFace(RgbImage image) {
    try (FaceDetector haar = FaceDetectors.haar()) {
      return haar.detect(image).stream().map(FaceDetection::box).max(Comparator.comparingDouble(Box::area));
    }
  }

  private static Path require(String name) {
    Path p = folder().resolve(name);
    if (!Files.isRegularFile(p)) {
      throw new IllegalStateException("sample " + p + " is missing: run bin/fetch-samples first");
    }
    return p;
  }
}
