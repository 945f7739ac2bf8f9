package ai.fym.engine.correct;

import ai.fym.engine.errors.FymException;
import ai.fym.engine.image.RgbImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The reference, not a correction: the unedited source frames. Its warp errors are what the clip itself scores
 * (codec noise, occlusions, flow failures), the yardstick for "within 10 % of the source's own short warp
 * error"; a method that smooths along the flow can score below it, as it smooths the source's noise too. Its
 * edit fidelity is nil by construction, so quality gates do not judge it. The shot is checked like every
 * method checks it, so a mismatched edit fails here too.
 */
public final class SourceCorrector implements Corrector {
  /** The method name of the reference in every table. */
  public static final String NAME = "source";

  SourceCorrector() {}

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
    RgbImage first = shot.length() == 0 ? null : shot.source(0);
    for (int i = 0; i < shot.length(); i++) {
      RgbImage source = ShotChecks.source(shot, i, first);
      ShotChecks.edited(shot, i, source);
      out.add(source);
    }
    return out;
  }
}
