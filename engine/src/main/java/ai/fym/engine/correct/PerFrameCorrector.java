package ai.fym.engine.correct;

import ai.fym.engine.errors.FymException;
import ai.fym.engine.image.RgbImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The raw per-frame edit, unchanged: the baseline every method must beat on temporal consistency. */
final class PerFrameCorrector implements Corrector {
  static final String NAME = "per-frame";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Map<String, String> config() {
    return Map.of();
  }

  @Override
  public List<RgbImage> correctShot(ShotFrames shot) throws FymException {
    List<RgbImage> out = new ArrayList<>(shot.length());
    for (int i = 0; i < shot.length(); i++) {
      out.add(ShotChecks.edited(shot, i, shot.source(i)));
    }
    return out;
  }
}
