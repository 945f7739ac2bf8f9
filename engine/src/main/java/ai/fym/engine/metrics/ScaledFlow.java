package ai.fym.engine.metrics;

import ai.fym.engine.geom.Box;
import ai.fym.engine.image.RgbImage;
import ai.fym.engine.motion.Flow;
import ai.fym.engine.motion.FlowEstimator;

/**
 * DIS flow estimated on frames shrunk by a factor and brought back to full resolution (bilinear
 * upsampling of the field, vectors scaled to full-resolution pixels), so the metrics keep comparing
 * full-resolution pixels while the flow, their dominant cost, runs on fewer. Not thread-safe.
 */
final class ScaledFlow implements AutoCloseable {
  private final FlowEstimator dis = new FlowEstimator();
  private final float scale;

  /** @param scale flow resolution relative to the frames, in (0, 1]; 1 estimates at full resolution */
  ScaledFlow(float scale) {
    if (!(scale > 0f && scale <= 1f)) {
      throw new IllegalArgumentException("flow scale must be in (0, 1], got " + scale);
    }
    this.scale = scale;
  }

  /** The frame as the flow sees it: itself at scale 1, else a bilinear shrink (2x2 mean at 0.5). */
  RgbImage shrink(RgbImage frame) {
    if (scale == 1f) {
      return frame;
    }
    int w = Math.max(8, Math.round(frame.width() * scale));
    int h = Math.max(8, Math.round(frame.height() * scale));
    return frame.resample(new Box(0, 0, frame.width(), frame.height()), w, h);
  }

  /** Flow from {@code from} to {@code to} (both already {@link #shrink shrunk}) on the full grid. */
  Flow estimate(RgbImage from, RgbImage to, int fullWidth, int fullHeight) {
    Flow small = dis.estimate(from, to);
    return small.width() == fullWidth && small.height() == fullHeight
        ? small : upsample(small, fullWidth, fullHeight);
  }

  private static Flow upsample(Flow small, int w, int h) {
    int sw = small.width();
    int sh = small.height();
    float kx = sw / (float) w;
    float ky = sh / (float) h;
    // column taps are the same on every row: compute them once
    int[] left = new int[w];
    int[] right = new int[w];
    float[] frac = new float[w];
    for (int x = 0; x < w; x++) {
      float fx = Math.min(sw - 1f, Math.max(0f, (x + 0.5f) * kx - 0.5f));
      left[x] = 2 * (int) fx;
      right[x] = 2 * Math.min(sw - 1, (int) fx + 1);
      frac[x] = fx - (int) fx;
    }
    float[] in = small.xy();
    float[] out = new float[2 * w * h];
    for (int y = 0; y < h; y++) {
      float fy = Math.min(sh - 1f, Math.max(0f, (y + 0.5f) * ky - 0.5f));
      int r0 = 2 * sw * (int) fy;
      int r1 = 2 * sw * Math.min(sh - 1, (int) fy + 1);
      float ay = fy - (int) fy;
      int o = 2 * y * w;
      for (int x = 0; x < w; x++, o += 2) {
        float ax = frac[x];
        float w00 = (1 - ax) * (1 - ay);
        float w01 = ax * (1 - ay);
        float w10 = (1 - ax) * ay;
        float w11 = ax * ay;
        int a = r0 + left[x];
        int b = r0 + right[x];
        int c = r1 + left[x];
        int d = r1 + right[x];
        out[o] = (in[a] * w00 + in[b] * w01 + in[c] * w10 + in[d] * w11) / kx;
        out[o + 1] = (in[a + 1] * w00 + in[b + 1] * w01 + in[c + 1] * w10 + in[d + 1] * w11) / ky;
      }
    }
    return new Flow(w, h, out);
  }

  @Override
  public void close() {
    dis.close();
  }
}
