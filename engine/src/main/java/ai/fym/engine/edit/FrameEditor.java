package ai.fym.engine.edit;

import ai.fym.engine.image.RgbImage;

/**
 * A per-frame image edit, run independently on every frame of a clip the way a user would re-run an
 * image editor frame by frame. Each frame gets its own slightly different parameters around the
 * editor's intent; that jitter is the flicker FYM later removes.
 *
 * <p>Implementations are deterministic (the same seed, frame index and frame always give the same
 * bytes) and stateless after construction, so Spark tasks may share one instance across threads.
 */
public interface FrameEditor {
  /** The edit's name, as given on the command line ({@code --edit NAME}) and stored in the edits table. */
  String name();

  /** A new edited image of the same size; {@code frame} is left untouched. */
  RgbImage edit(RgbImage frame, int frameIndex);
}
