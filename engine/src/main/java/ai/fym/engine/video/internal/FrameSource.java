package ai.fym.engine.video.internal;

import ai.fym.engine.errors.FymException;
import ai.fym.engine.image.RgbImage;

/** A stream of decoded frames in display order, behind {@link ai.fym.engine.video.VideoReader}. */
public interface FrameSource extends AutoCloseable {
  /** The next frame, or null after the last one. */
  RgbImage next() throws FymException;

  @Override
  void close();
}
