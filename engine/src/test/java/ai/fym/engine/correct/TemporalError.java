package ai.fym.engine.correct;

import ai.fym.engine.image.RgbImage;
import ai.fym.engine.motion.Flow;
import ai.fym.engine.motion.FlowEstimator;
import ai.fym.engine.motion.Warp;
import java.util.ArrayList;
import java.util.List;

/**
 * The short-term warp error of the evaluation protocol: frame t against frame t-1 aligned onto it by
 * the SOURCE motion, over the pixels that the motion says are visible in both.
 */
final class TemporalError {
  /** Mean absolute difference (0..255) and masked MSE on [0, 1] values times 1000. */
  record Score(double meanAbs, double mseX1000) {}

  /** The source motion from each frame t >= 1 back to t-1, with its visibility mask. */
  record Motion(List<Flow> curToPrev, List<boolean[]> visible) {
    /** DIS flow on full-resolution sources, forward-backward checked. */
    static Motion of(List<RgbImage> sources) {
      List<Flow> flows = new ArrayList<>();
      List<boolean[]> masks = new ArrayList<>();
      try (FlowEstimator dis = new FlowEstimator()) {
        for (int t = 1; t < sources.size(); t++) {
          Flow back = dis.estimate(sources.get(t), sources.get(t - 1));
          flows.add(back);
          masks.add(Warp.visible(back, dis.estimate(sources.get(t - 1), sources.get(t))));
        }
      }
      return new Motion(flows, masks);
    }
  }

  private TemporalError() {}

  static Score of(List<RgbImage> frames, Motion motion) {
    double abs = 0;
    double squares = 0;
    long n = 0;
    for (int t = 1; t < frames.size(); t++) {
      byte[] cur = frames.get(t).rgb();
      byte[] prev = Warp.backward(frames.get(t - 1), motion.curToPrev().get(t - 1)).rgb();
      boolean[] visible = motion.visible().get(t - 1);
      for (int i = 0; i < visible.length; i++) {
        if (!visible[i]) {
          continue;
        }
        for (int k = 3 * i; k < 3 * i + 3; k++) {
          double d = (cur[k] & 0xff) - (prev[k] & 0xff);
          abs += Math.abs(d);
          squares += d * d;
          n++;
        }
      }
    }
    return new Score(abs / n, squares / n / (255.0 * 255.0) * 1000);
  }
}
