package ai.fym.engine.correct;

import ai.fym.engine.geom.Box;
import ai.fym.engine.image.RgbImage;
import ai.fym.engine.motion.Flow;
import ai.fym.engine.motion.FlowEstimator;
import ai.fym.engine.motion.Warp;

/**
 * Motion between consecutive SOURCE frames of a shot (the edit flickers; the source has the true
 * motion): DIS flow both ways, optionally on frames shrunk by {@code downscale} and upsampled, and a
 * reliability mask per direction that is true where the forward-backward check passes and the warped
 * source matches in luma within {@code tolerance} (catching flow failures the check misses). One per
 * shot and thread: it owns a {@link FlowEstimator}.
 */
final class SourceMotion implements AutoCloseable {
  /** DIS needs frames of at least 12 px; shrinking stops at this side. */
  private static final int MIN_SIDE = 16;

  private final FlowEstimator estimator = new FlowEstimator();
  private final int downscale;
  private final double tolerance;

  SourceMotion(int downscale, double tolerance) {
    this.downscale = downscale;
    this.tolerance = tolerance;
  }

  /** The motion both ways between source frames {@code prev} and {@code cur} (same size). */
  Step between(RgbImage prev, RgbImage cur) {
    RgbImage a = shrink(prev);
    RgbImage b = shrink(cur);
    Flow curToPrev = estimator.estimate(b, a);
    Flow prevToCur = estimator.estimate(a, b);
    ScaledFlow forth = new ScaledFlow(prevToCur, cur.width(), cur.height());
    boolean[] prevSeesCur = reliable(prev, cur, forth.full(), Warp.visible(prevToCur, curToPrev), prevToCur.width());
    return new Step(back(prev, cur, curToPrev, prevToCur), forth, prevSeesCur);
  }

  /** The motion from source frame {@code cur} back to {@code prev} (same size; need not be neighbours). */
  Back backTo(RgbImage prev, RgbImage cur) {
    RgbImage a = shrink(prev);
    RgbImage b = shrink(cur);
    return back(prev, cur, estimator.estimate(b, a), estimator.estimate(a, b));
  }

  private Back back(RgbImage prev, RgbImage cur, Flow curToPrev, Flow prevToCur) {
    Flow full = new ScaledFlow(curToPrev, cur.width(), cur.height()).full();
    return new Back(full, reliable(cur, prev, full, Warp.visible(curToPrev, prevToCur), curToPrev.width()));
  }

  /** The frame shrunk by {@code downscale}, or less where that would leave a side under {@link #MIN_SIDE}. */
  private RgbImage shrink(RgbImage image) {
    int factor = Math.max(1, Math.min(downscale, Math.min(image.width(), image.height()) / MIN_SIDE));
    if (factor == 1) {
      return image;
    }
    return image.resample(new Box(0, 0, image.width(), image.height()),
        Math.round(image.width() / (float) factor), Math.round(image.height() / (float) factor));
  }

  /** Upsamples the coarse visibility mask (nearest) and ANDs it with the luma check of {@code other} warped onto {@code image}. */
  private boolean[] reliable(RgbImage image, RgbImage other, Flow imageToOther, boolean[] coarseVisible, int coarseWidth) {
    int w = image.width();
    int h = image.height();
    int coarseHeight = coarseVisible.length / coarseWidth;
    byte[] aligned = Warp.backward(other, imageToOther).rgb();
    byte[] own = image.rgb();
    boolean[] ok = new boolean[w * h];
    for (int y = 0; y < h; y++) {
      int cy = Math.min(coarseHeight - 1, y * coarseHeight / h);
      for (int x = 0; x < w; x++) {
        int cx = Math.min(coarseWidth - 1, x * coarseWidth / w);
        int i = y * w + x;
        ok[i] = coarseVisible[cy * coarseWidth + cx] && Math.abs(luma(own, 3 * i) - luma(aligned, 3 * i)) <= tolerance;
      }
    }
    return ok;
  }

  static double luma(byte[] rgb, int at) {
    return 0.299 * (rgb[at] & 0xff) + 0.587 * (rgb[at + 1] & 0xff) + 0.114 * (rgb[at + 2] & 0xff);
  }

  @Override
  public void close() {
    estimator.close();
  }

  /** The full-resolution flow from a frame back to an earlier one, and where it is reliable. */
  record Back(Flow curToPrev, boolean[] curSeesPrev) {}

  /**
   * The motion between two consecutive frames: {@link Back} and the flow forward with the previous
   * frame's reliability mask. The forward flow stays compact, as callers may keep it for a later
   * backward pass.
   */
  record Step(Back back, ScaledFlow prevToCur, boolean[] prevSeesCur) {}

  /** A flow computed on a shrunken grid, kept small and upsampled to {@code width x height} on demand. */
  record ScaledFlow(Flow coarse, int width, int height) {
    /** The flow on the full grid: bilinear upsampling, vectors scaled by the size ratio. */
    Flow full() {
      if (coarse.width() == width && coarse.height() == height) {
        return coarse;
      }
      int cw = coarse.width();
      int ch = coarse.height();
      float sx = width / (float) cw;
      float sy = height / (float) ch;
      float[] c = coarse.xy();
      float[] out = new float[2 * width * height];
      for (int y = 0; y < height; y++) {
        float fy = Math.min(ch - 1f, Math.max(0f, (y + 0.5f) / sy - 0.5f));
        int y0 = (int) fy;
        int y1 = Math.min(ch - 1, y0 + 1);
        float ay = fy - y0;
        for (int x = 0; x < width; x++) {
          float fx = Math.min(cw - 1f, Math.max(0f, (x + 0.5f) / sx - 0.5f));
          int x0 = (int) fx;
          int x1 = Math.min(cw - 1, x0 + 1);
          float ax = fx - x0;
          int o = 2 * (y * width + x);
          for (int k = 0; k < 2; k++) {
            float top = c[2 * (y0 * cw + x0) + k] * (1 - ax) + c[2 * (y0 * cw + x1) + k] * ax;
            float bottom = c[2 * (y1 * cw + x0) + k] * (1 - ax) + c[2 * (y1 * cw + x1) + k] * ax;
            out[o + k] = (top * (1 - ay) + bottom * ay) * (k == 0 ? sx : sy);
          }
        }
      }
      return new Flow(width, height, out);
    }
  }
}
