package ai.fym.engine.correct;

import ai.fym.engine.errors.FymException;
import ai.fym.engine.image.RgbImage;
import java.util.List;
import java.util.Map;

/**
 * Temporal smoothing of the edit along the source's flow: the two-sided exponential {@link FlowFilter} on the
 * raw per-frame edit. Defaults, measured on Megamind: alpha 0.3 takes the warp error below the source's own while
 * keeping the edit's structure (0.2 smooths a little more and smears a little more, 0.5 halves the gain);
 * tolerance 16 luma levels (on the flow's grid) lets textured regions be smoothed, where a stricter check
 * restarts too often.
 */
final class SmoothCorrector implements Corrector {
  static final String NAME = "smooth";

  private final Map<String, String> config;
  private final FlowFilter filter;

  private SmoothCorrector(Map<String, String> config, FlowFilter filter) {
    this.config = config;
    this.filter = filter;
  }

  static SmoothCorrector create(MethodParameters p) throws FymException {
    double alpha = p.decimal("alpha", 0.3, 0.01, 1.0);
    int downscale = p.integer("flow-downscale", 2, 1, 8);
    double tolerance = p.decimal("tolerance", 16, 0, 255);
    return new SmoothCorrector(p.config(), new FlowFilter(alpha, downscale, tolerance));
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Map<String, String> config() {
    return config;
  }

  @Override
  public List<RgbImage> correctShot(ShotFrames shot) throws FymException {
    return filter.filter(shot);
  }
}
