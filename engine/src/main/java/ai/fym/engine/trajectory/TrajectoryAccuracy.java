package ai.fym.engine.trajectory;

import ai.fym.engine.image.RgbImage;
import ai.fym.engine.motion.Flow;
import ai.fym.engine.motion.FlowEstimator;
import java.util.List;

/**
 * How far estimated trajectories land from the truth on a {@link NonRigidVideo}: the end-point error, in pixels
 * at the video's resolution, of each frame-to-first-frame mapping, averaged over every pixel of frames 1.. whose
 * true position lies inside frame 0. Three estimates: a trained field's {@link TrajectoryField#toFirst}, classical
 * flow chained frame by frame (DIS t -> t-1, composed by bilinear lookup back to frame 0), and DIS t -> 0 directly.
 */
public final class TrajectoryAccuracy {

  /** Mean end-point errors (pixels) of a field, chained flow and direct flow on the same video. */
  public record Errors(double field, double chainedFlow, double directFlow) {

    /** Chained flow's error over the field's (above 1: the field is closer to the truth). */
    public double chainedOverField() {
      return chainedFlow / field;
    }
  }

  private TrajectoryAccuracy() {}

  /** The three errors on {@code video} (its rendered {@code frames}) for a field trained on those frames. */
  public static Errors measure(NonRigidVideo video, List<RgbImage> frames, TrajectoryField field) {
    double[] flows = flowErrors(video, frames);
    return new Errors(fieldError(video, field), flows[0], flows[1]);
  }

  /** The field's mean end-point error. */
  public static double fieldError(NonRigidVideo video, TrajectoryField field) {
    Mean mean = new Mean();
    for (int t = 1; t < video.frames(); t++) {
      mean.add(field.toFirst(t, video.width(), video.height()), video.truthToFirst(t), video.width(),
          video.height());
    }
    return mean.value();
  }

  /** Mean end-point errors of chained DIS flow and of direct DIS flow t -> 0. */
  public static double[] flowErrors(NonRigidVideo video, List<RgbImage> frames) {
    int w = video.width();
    int h = video.height();
    Mean chained = new Mean();
    Mean direct = new Mean();
    float[] previous = identity(w, h);
    try (FlowEstimator flows = new FlowEstimator()) {
      for (int t = 1; t < video.frames(); t++) {
        float[] truth = video.truthToFirst(t);
        previous = compose(flows.estimate(frames.get(t), frames.get(t - 1)), previous);
        chained.add(previous, truth, w, h);
        direct.add(positions(flows.estimate(frames.get(t), frames.get(0))), truth, w, h);
      }
    }
    return new double[] {chained.value(), direct.value()};
  }

  /** Where each pixel lands after {@code flow} and then the mapping {@code next} (looked up bilinearly). */
  static float[] compose(Flow flow, float[] next) {
    int w = flow.width();
    int h = flow.height();
    float[] out = new float[2 * w * h];
    for (int y = 0, i = 0; y < h; y++) {
      for (int x = 0; x < w; x++, i++) {
        float fx = Math.min(w - 1f, Math.max(0f, x + flow.dx(x, y)));
        float fy = Math.min(h - 1f, Math.max(0f, y + flow.dy(x, y)));
        int x0 = Math.min(w - 2, (int) fx);
        int y0 = Math.min(h - 2, (int) fy);
        float ax = fx - x0;
        float ay = fy - y0;
        for (int c = 0; c < 2; c++) {
          int p00 = 2 * (y0 * w + x0) + c;
          float top = next[p00] * (1 - ax) + next[p00 + 2] * ax;
          float bottom = next[p00 + 2 * w] * (1 - ax) + next[p00 + 2 * w + 2] * ax;
          out[2 * i + c] = top * (1 - ay) + bottom * ay;
        }
      }
    }
    return out;
  }

  private static float[] positions(Flow flow) {
    float[] out = identity(flow.width(), flow.height());
    float[] d = flow.xy();
    for (int i = 0; i < out.length; i++) {
      out[i] += d[i];
    }
    return out;
  }

  private static float[] identity(int w, int h) {
    float[] out = new float[2 * w * h];
    for (int y = 0, i = 0; y < h; y++) {
      for (int x = 0; x < w; x++, i++) {
        out[2 * i] = x;
        out[2 * i + 1] = y;
      }
    }
    return out;
  }

  /** A running mean of end-point errors over the pixels whose true position is inside the frame. */
  private static final class Mean {
    private double sum;
    private long count;

    void add(float[] estimate, float[] truth, int w, int h) {
      for (int i = 0; i < w * h; i++) {
        float tx = truth[2 * i];
        float ty = truth[2 * i + 1];
        if (tx >= 0 && ty >= 0 && tx <= w - 1 && ty <= h - 1) {
          sum += Math.hypot(estimate[2 * i] - tx, estimate[2 * i + 1] - ty);
          count++;
        }
      }
    }

    double value() {
      return count == 0 ? Double.NaN : sum / count;
    }
  }
}
