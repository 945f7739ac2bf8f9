package ai.fym.engine.correct;

import ai.fym.engine.geom.Box;
import ai.fym.engine.image.RgbImage;

/**
 * The frames of one shot as a corrector sees them: the source frames and the per-frame edited
 * frames, same count and size. Frames are requested by index (possibly more than once, in any order),
 * so an implementation may decode them lazily from disk instead of holding the shot in memory.
 */
public interface ShotFrames {
  /** The clip frame index of the shot's first frame (0 when the shot stands alone). */
  default int start() {
    return 0;
  }

  /** Number of frames in the shot. */
  int length();

  /** Source frame {@code i}, 0-based within the shot. */
  RgbImage source(int i);

  /** Edited frame {@code i}: the per-frame edit of {@link #source(int)}. */
  RgbImage edited(int i);

  /** The main face's box in frame {@code i} (frame pixels), or null when unknown. */
  default Box faceBox(int i) {
    return null;
  }
}
