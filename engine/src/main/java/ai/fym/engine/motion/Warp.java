package ai.fym.engine.motion;

import ai.fym.engine.image.RgbImage;

/**
 * Warps images and masks along a flow, and checks flows for consistency. Backward warping:
 * {@code warp(to, flowFromTo)(p) = to(p + flow(p))} (bilinear, border clamped), so warping the TO
 * frame with the FROM->TO flow aligns it onto the FROM frame.
 */
public final class Warp {
  private Warp() {}

  /** The image sampled at {@code p + flow(p)} for every pixel p of the flow's grid. */
  public static RgbImage backward(RgbImage image, Flow flow) {
    int w = flow.width();
    int h = flow.height();
    byte[] out = new byte[w * h * 3];
    byte[] src = image.rgb();
    float[] f = flow.xy();
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int i = y * w + x;
        float sx = Math.min(image.width() - 1f, Math.max(0f, x + f[2 * i]));
        float sy = Math.min(image.height() - 1f, Math.max(0f, y + f[2 * i + 1]));
        int x0 = (int) sx;
        int y0 = (int) sy;
        int x1 = Math.min(image.width() - 1, x0 + 1);
        int y1 = Math.min(image.height() - 1, y0 + 1);
        float ax = sx - x0;
        float ay = sy - y0;
        int p00 = (y0 * image.width() + x0) * 3;
        int p01 = (y0 * image.width() + x1) * 3;
        int p10 = (y1 * image.width() + x0) * 3;
        int p11 = (y1 * image.width() + x1) * 3;
        for (int c = 0; c < 3; c++) {
          float top = (src[p00 + c] & 0xff) * (1 - ax) + (src[p01 + c] & 0xff) * ax;
          float bottom = (src[p10 + c] & 0xff) * (1 - ax) + (src[p11 + c] & 0xff) * ax;
          out[3 * i + c] = (byte) Math.round(top * (1 - ay) + bottom * ay);
        }
      }
    }
    return new RgbImage(w, h, out);
  }

  /**
   * Forward-backward consistency: true where following {@code forward} (A->B) and then
   * {@code backward} (B->A) returns near the start, i.e. the pixel of A is visible in B. The test
   * {@code |f + b(p + f)|^2 < 0.01 (|f|^2 + |b|^2) + 0.5} is the usual one (Sundaram et al.); pixels
   * whose target falls outside the frame are occluded too.
   */
  public static boolean[] visible(Flow forward, Flow backward) {
    int w = forward.width();
    int h = forward.height();
    boolean[] ok = new boolean[w * h];
    float[] f = forward.xy();
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int i = y * w + x;
        float fx = f[2 * i];
        float fy = f[2 * i + 1];
        float tx = x + fx;
        float ty = y + fy;
        if (tx < 0 || ty < 0 || tx > w - 1 || ty > h - 1) {
          continue;
        }
        int bx = Math.round(tx);
        int by = Math.round(ty);
        float bdx = backward.dx(bx, by);
        float bdy = backward.dy(bx, by);
        float ex = fx + bdx;
        float ey = fy + bdy;
        ok[i] = ex * ex + ey * ey < 0.01f * (fx * fx + fy * fy + bdx * bdx + bdy * bdy) + 0.5f;
      }
    }
    return ok;
  }
}
