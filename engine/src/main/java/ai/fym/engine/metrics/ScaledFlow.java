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
    float[] in = small.xy();
    float[] out = new float[2 * w * h];
    for (int y = 0; y < h; y++) {
      float fy = Math.min(sh - 1f, Math.max(0f, (y + 0.5f) * ky - 0.5f));
      int y0 = (int) fy;
      int y1 = Math.min(sh - 1, y0 + 1);
      float ay = fy - y0;
      for (int x = 0; x < w; x++) {
        float fx = Math.min(sw - 1f, Math.max(0f, (x + 0.5f) * kx - 0.5f));
        int x0 = (int) fx;
        int x1 = Math.min(sw - 1, x0 + 1);
        float ax = fx - x0;
        int o = 2 * (y * w + x);
        for (int c = 0; c < 2; c++) {
          float top = in[2 * (y0 * sw + x0) + c] * (1 - ax) + in[2 * (y0 * sw + x1) + c] * ax;
          float bottom = in[2 * (y1 * sw + x0) + c] * (1 - ax) + in[2 * (y1 * sw + x1) + c] * ax;
          out[o + c] = (top * (1 - ay) + bottom * ay) / (c == 0 ? kx : ky);
        }
      }
    }
    return new Flow(w, h, out);
  }

  @Override
  public void close() {
    dis.close();
  }
}
