package ai.fym.engine.correct;

import ai.fym.engine.errors.FymException;
import ai.fym.engine.image.RgbImage;
import java.util.List;
import java.util.Map;

/**
 * A temporal-consistency method: turns a shot's per-frame edits into corrected frames. The reference
 * methods ({@link Correctors}) and the project's own methods all implement it, so evaluation runs
 * them side by side. Implementations are immutable and safe to call from several threads at once:
 * per-shot state (flow estimators, buffers) lives inside {@link #correctShot}.
 */
public interface Corrector {
  /** The method's name, e.g. {@code smooth}. */
  String name();

  /**
   * Every parameter with its effective value, in canonical form and sorted by key; equal maps mean
   * equal configurations, so the map is hashed to tell configurations apart in sweeps.
   */
  Map<String, String> config();

  /** One corrected frame per frame of the shot, in order, each the size of its source frame. */
  List<RgbImage> correctShot(ShotFrames shot) throws FymException;
}
