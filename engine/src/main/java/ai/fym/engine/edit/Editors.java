package ai.fym.engine.edit;

import ai.fym.engine.errors.Errors;
import ai.fym.engine.errors.FymException;
import java.util.List;

/**
 * The built-in per-frame edits ({@code bin/fym edit --edit NAME}): {@code relight} (a warm directional
 * key light), {@code grade} (a teal-orange colour look) and {@code stylize} (OpenCV's
 * non-photorealistic stylisation). They stand in for the image editors users run frame by frame, so
 * the pipeline can be exercised and evaluated without an external edited video.
 */
public final class Editors {
  private static final List<String> NAMES = List.of(Relight.NAME, Grade.NAME, Stylize.NAME);

  private Editors() {}

  /**
   * The built-in editor called {@code name}, its per-frame jitter drawn from {@code seed}; throws
   * {@code UNKNOWN_EDIT} listing the built-in names for any other name.
   */
  public static FrameEditor builtin(String name, long seed) throws FymException {
    return switch (name) {
      case Relight.NAME -> new Relight(seed);
      case Grade.NAME -> new Grade(seed);
      case Stylize.NAME -> new Stylize(seed);
      default -> throw Errors.unknownEdit(name, NAMES);
    };
  }

  /** The names {@link #builtin} accepts, in a stable order. */
  public static List<String> builtinNames() {
    return NAMES;
  }
}
