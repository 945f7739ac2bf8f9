package ai.fym.engine.testing;

import java.nio.file.Files;
import java.nio.file.Path;

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

  private static Path require(String name) {
    Path p = folder().resolve(name);
    if (!Files.isRegularFile(p)) {
      throw new IllegalStateException("sample " + p + " is missing: run bin/fetch-samples first");
    }
    return p;
  }
}
