package ai.fym.engine.correct;

import ai.fym.engine.errors.Errors;
import ai.fym.engine.errors.FymException;
import ai.fym.engine.image.RgbImage;
import java.util.ArrayList;
import java.util.List;

/** Reads edited frames and checks that they match their source frames. */
final class ShotChecks {
  private ShotChecks() {}

  /** A whole shot's checked frames, in memory. */
  record Frames(List<RgbImage> sources, List<RgbImage> edits) {}

  /** Reads every source and edited frame of {@code shot} (at least one), checking their sizes. */
  static Frames readAll(ShotFrames shot) throws FymException {
    int n = shot.length();
    RgbImage first = shot.source(0);
    List<RgbImage> sources = new ArrayList<>(n);
    List<RgbImage> edits = new ArrayList<>(n);
    for (int t = 0; t < n; t++) {
      sources.add(source(shot, t, first));
      edits.add(edited(shot, t, sources.get(t)));
    }
    return new Frames(sources, edits);
  }

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
