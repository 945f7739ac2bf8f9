package ai.fym.engine.metrics;

/**
 * One number to rank correction methods on a clip and edit (docs/CORRECTION.md): the mean of four error ratios
 * against the raw per-frame edit measured in the same run, so 1 is "no better than doing nothing" and lower is
 * better. Temporal consistency counts twice (short and long warp error), motion fidelity once (flow end-point
 * error against the source's), and edit fidelity once, its dB turned into an RMS ratio (10^(-delta/20)), so
 * losing 6 dB of the edit costs as much as doubling a warp error.
 */
public final class CombinedScore {
  private CombinedScore() {}

  /** The four measured figures of a method. */
  public record Figures(double warpShort, double warpLong, double motionError, double editFidelity) {}

  /** The combined score of {@code method} against {@code perFrame}; NaN when a figure is missing or zero. */
  public static double of(Figures method, Figures perFrame) {
    double score = (method.warpShort() / perFrame.warpShort() + method.warpLong() / perFrame.warpLong()
        + method.motionError() / perFrame.motionError()
        + Math.pow(10, (perFrame.editFidelity() - method.editFidelity()) / 20)) / 4;
    return Double.isFinite(score) ? score : Double.NaN;
  }
}
