package ai.fym.engine.correct;

import ai.fym.engine.geom.Box;
import ai.fym.engine.image.RgbImage;
import ai.fym.engine.motion.Flow;
import ai.fym.engine.motion.FlowEstimator;
import ai.fym.engine.motion.Warp;

/**
 * Motion between SOURCE frames of a shot, neighbours or a frame and the keyframe (the edit
 * flickers; the source has the true motion): DIS flow both ways, optionally on frames shrunk by
 * {@code downscale} and upsampled (half resolution: about 2x faster, within 0.3 px of full resolution
 * on Megamind), and a reliability mask per direction that is true where the forward-backward check
 * passes and the warped source matches in luma within {@code tolerance} (catching flow failures the
 * check misses); the mask is computed on the flow's grid and upsampled. One per shot and thread: it owns a {@link FlowEstimator}.
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
    boolean[] prevSeesCur = upsample(reliable(a, b, prevToCur, curToPrev), a.width(), cur.width(), cur.height());
    return new Step(back(a, b, curToPrev, prevToCur, cur), forth, prevSeesCur);
  }

  /** The motion from source frame {@code cur} back to {@code prev} (same size; need not be neighbours). */
  Back backTo(RgbImage prev, RgbImage cur) {
    RgbImage a = shrink(prev);
    RgbImage b = shrink(cur);
    return back(a, b, estimator.estimate(b, a), estimator.estimate(a, b), cur);
  }

  private Back back(RgbImage a, RgbImage b, Flow curToPrev, Flow prevToCur, RgbImage cur) {
    return new Back(new ScaledFlow(curToPrev, cur.width(), cur.height()).full(),
        upsample(reliable(b, a, curToPrev, prevToCur), b.width(), cur.width(), cur.height()));
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

  /**
   * On the (shrunken) grid of {@code image}: where the forward-backward check of the flows passes and
   * {@code other} warped onto {@code image} matches it in luma.
   */
  private boolean[] reliable(RgbImage image, RgbImage other, Flow imageToOther, Flow otherToImage) {
    boolean[] ok = Warp.visible(imageToOther, otherToImage);
    byte[] aligned = Warp.backward(other, imageToOther).rgb();
    byte[] own = image.rgb();
    for (int i = 0; i < ok.length; i++) {
      ok[i] = ok[i] && Math.abs(luma(own, 3 * i) - luma(aligned, 3 * i)) <= tolerance;
    }
    return ok;
  }

  /** A mask on a {@code coarseWidth}-wide grid, upsampled (nearest) to {@code width x height}. */
  private static boolean[] upsample(boolean[] coarse, int coarseWidth, int width, int height) {
    int coarseHeight = coarse.length / coarseWidth;
    if (coarseWidth == width && coarseHeight == height) {
      return coarse;
    }
    boolean[] out = new boolean[width * height];
    for (int y = 0; y < height; y++) {
      int row = Math.min(coarseHeight - 1, y * coarseHeight / height) * coarseWidth;
      for (int x = 0; x < width; x++) {
        out[y * width + x] = coarse[row + Math.min(coarseWidth - 1, x * coarseWidth / width)];
      }
    }
    return out;
  }

  /** BT.601 luma of the pixel at byte offset {@code at}. */
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
      int[] left = new int[width];
      int[] right = new int[width];
      float[] weight = new float[width];
      for (int x = 0; x < width; x++) {
        float fx = Math.min(cw - 1f, Math.max(0f, (x + 0.5f) / sx - 0.5f));
        left[x] = 2 * (int) fx;
        right[x] = 2 * Math.min(cw - 1, (int) fx + 1);
        weight[x] = fx - (int) fx;
      }
      float[] c = coarse.xy();
      float[] out = new float[2 * width * height];
      for (int y = 0; y < height; y++) {
        float fy = Math.min(ch - 1f, Math.max(0f, (y + 0.5f) / sy - 0.5f));
        int top = 2 * cw * (int) fy;
        int bottom = 2 * cw * Math.min(ch - 1, (int) fy + 1);
        float ay = fy - (int) fy;
        for (int x = 0; x < width; x++) {
          float ax = weight[x];
          int o = 2 * (y * width + x);
          for (int k = 0; k < 2; k++) {
            float upper = c[top + left[x] + k] * (1 - ax) + c[top + right[x] + k] * ax;
            float lower = c[bottom + left[x] + k] * (1 - ax) + c[bottom + right[x] + k] * ax;
            out[o + k] = (upper * (1 - ay) + lower * ay) * (k == 0 ? sx : sy);
          }
        }
      }
      return new Flow(width, height, out);
    }
  }
}
