package ai.fym.engine.correct;

import ai.fym.engine.errors.Errors;
import ai.fym.engine.errors.FymException;
import ai.fym.engine.image.RgbImage;

/** Reads edited frames and checks that they match their source frames. */
final class ShotChecks {
  private ShotChecks() {}

  /** Edited frame {@code i}, which must have the size of {@code source}. */
  static RgbImage edited(ShotFrames shot, int i, RgbImage source) throws FymException {
    RgbImage edit = shot.edited(i);
    if (edit.width() != source.width() || edit.height() != source.height()) {
      throw Errors.shotMismatch(i, "edited frame size", source.width() + "x" + source.height(),
          edit.width() + "x" + edit.height());
    }
    return edit;
  }

  /** Source frame {@code i}, which must have the size of the shot's first source frame. */
  static RgbImage source(ShotFrames shot, int i, RgbImage first) throws FymException {
    RgbImage source = shot.source(i);
    if (source.width() != first.width() || source.height() != first.height()) {
      throw Errors.shotMismatch(i, "source frame size", first.width() + "x" + first.height(),
          source.width() + "x" + source.height());
    }
    return source;
  }
}
