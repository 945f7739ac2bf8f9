package ai.fym.engine.hashgrid;

/**
 * The single-threaded inner loops of {@link HashGridCpu}: for a range of points, level by level (so one level's
 * table stays warm in cache), either the trilinearly interpolated features or the scatter of their gradient.
 * The hash uses 32-bit int arithmetic, which wraps exactly like instant-ngp's uint32, and a power-of-two mask.
 */
final class LevelKernel {

  static final int PRIME_Y = (int) 2654435761L;
  static final int PRIME_T = 805459861;

  private final float[] params;
  private final int levels;
  private final int features;
  private final int mask;
  private final int[] resolution;
  private final int[] side;
  private final boolean[] direct;
  private final int[] offset;

  LevelKernel(HashGridConfig config, float[] params) {
    this.params = params;
    this.levels = config.levels();
    this.features = config.featuresPerLevel();
    this.mask = config.tableSize() - 1;
    this.resolution = new int[levels];
    this.side = new int[levels];
    this.direct = new boolean[levels];
    this.offset = new int[levels];
    int next = 0;
    for (int l = 0; l < levels; l++) {
      resolution[l] = config.resolution(l);
      side[l] = resolution[l] + 1;
      direct[l] = config.isDirect(l);
      offset[l] = next;
      next += config.levelEntries(l) * features;
    }
  }

  /**
   * Forward when {@code out} is set, else accumulates dOut into {@code grad}, for points [from, to) and levels
   * firstLevel, firstLevel + levelStep, ... (level tables are disjoint, so threads may split the levels).
   */
  void encode(float[] xyt, int from, int to, int firstLevel, int levelStep, float[] out, float[] dOut,
      float[] grad) {
    int[] idx = new int[8];
    float[] w = new float[8];
    int stride = levels * features;
    for (int l = firstLevel; l < levels; l += levelStep) {
      if (features == 2) {
        encodePairs(l, xyt, from, to, out, dOut, grad, stride);
      } else {
        encodeLevel(l, xyt, from, to, out, dOut, grad, idx, w, stride);
      }
    }
  }

  /** One level of {@link #encode} for points [from, to). */
  private void encodeLevel(int l, float[] xyt, int from, int to, float[] out, float[] dOut, float[] grad,
      int[] idx, float[] w, int stride) {
    float scale = resolution[l];
    int last = resolution[l] - 1;
    int base = offset[l];
    for (int p = from; p < to; p++) {
      corners(l, xyt[3 * p] * scale, xyt[3 * p + 1] * scale, xyt[3 * p + 2] * scale, last, idx, w);
      int o = p * stride + l * features;
      if (out != null) {
        for (int f = 0; f < features; f++) {
          float acc = 0f;
          for (int c = 0; c < 8; c++) {
            acc += w[c] * params[base + idx[c] * features + f];
          }
          out[o + f] = acc;
        }
      } else {
        for (int c = 0; c < 8; c++) {
          int e = base + idx[c] * features;
          for (int f = 0; f < features; f++) {
            grad[e + f] += w[c] * dOut[o + f];
          }
        }
      }
    }
  }

  /**
   * The F = 2 case of {@link #encode} (CoDeF's configuration) for one level, with corners and weights kept in
   * locals instead of arrays.
   */
  private void encodePairs(int l, float[] xyt, int from, int to, float[] out, float[] dOut, float[] grad,
      int stride) {
    float scale = resolution[l];
    int last = resolution[l] - 1;
    int base = offset[l];
    int s = side[l];
    int ss = s * s;
    boolean isDirect = direct[l];
    for (int p = from; p < to; p++) {
      float px = xyt[3 * p] * scale;
      float py = xyt[3 * p + 1] * scale;
      float pt = xyt[3 * p + 2] * scale;
      int x = Math.min(Math.max((int) px, 0), last);
      int y = Math.min(Math.max((int) py, 0), last);
      int t = Math.min(Math.max((int) pt, 0), last);
      float fx = px - x;
      float fy = py - y;
      float ft = pt - t;
      float gx = 1f - fx;
      float gy = 1f - fy;
      float gt = 1f - ft;
      float w00 = gx * gy;
      float w10 = fx * gy;
      float w01 = gx * fy;
      float w11 = fx * fy;
      int i0;
      int i1;
      int i2;
      int i3;
      int i4;
      int i5;
      int i6;
      int i7;
      if (isDirect) {
        i0 = x + s * (y + s * t);
        i1 = i0 + 1;
        i2 = i0 + s;
        i3 = i2 + 1;
        i4 = i0 + ss;
        i5 = i4 + 1;
        i6 = i4 + s;
        i7 = i6 + 1;
      } else {
        int a00 = y * PRIME_Y ^ t * PRIME_T;
        int a10 = (y + 1) * PRIME_Y ^ t * PRIME_T;
        int a01 = y * PRIME_Y ^ (t + 1) * PRIME_T;
        int a11 = (y + 1) * PRIME_Y ^ (t + 1) * PRIME_T;
        i0 = (x ^ a00) & mask;
        i1 = ((x + 1) ^ a00) & mask;
        i2 = (x ^ a10) & mask;
        i3 = ((x + 1) ^ a10) & mask;
        i4 = (x ^ a01) & mask;
        i5 = ((x + 1) ^ a01) & mask;
        i6 = (x ^ a11) & mask;
        i7 = ((x + 1) ^ a11) & mask;
      }
      i0 = base + 2 * i0;
      i1 = base + 2 * i1;
      i2 = base + 2 * i2;
      i3 = base + 2 * i3;
      i4 = base + 2 * i4;
      i5 = base + 2 * i5;
      i6 = base + 2 * i6;
      i7 = base + 2 * i7;
      float w0 = w00 * gt;
      float w1 = w10 * gt;
      float w2 = w01 * gt;
      float w3 = w11 * gt;
      float w4 = w00 * ft;
      float w5 = w10 * ft;
      float w6 = w01 * ft;
      float w7 = w11 * ft;
      int o = p * stride + 2 * l;
      if (out != null) {
        out[o] = w0 * params[i0] + w1 * params[i1] + w2 * params[i2] + w3 * params[i3]
            + w4 * params[i4] + w5 * params[i5] + w6 * params[i6] + w7 * params[i7];
        out[o + 1] = w0 * params[i0 + 1] + w1 * params[i1 + 1] + w2 * params[i2 + 1] + w3 * params[i3 + 1]
            + w4 * params[i4 + 1] + w5 * params[i5 + 1] + w6 * params[i6 + 1] + w7 * params[i7 + 1];
      } else {
        float da = dOut[o];
        float db = dOut[o + 1];
        grad[i0] += w0 * da;
        grad[i0 + 1] += w0 * db;
        grad[i1] += w1 * da;
        grad[i1 + 1] += w1 * db;
        grad[i2] += w2 * da;
        grad[i2 + 1] += w2 * db;
        grad[i3] += w3 * da;
        grad[i3 + 1] += w3 * db;
        grad[i4] += w4 * da;
        grad[i4 + 1] += w4 * db;
        grad[i5] += w5 * da;
        grad[i5 + 1] += w5 * db;
        grad[i6] += w6 * da;
        grad[i6 + 1] += w6 * db;
        grad[i7] += w7 * da;
        grad[i7 + 1] += w7 * db;
      }
    }
  }

  /**
   * Table entries and trilinear weights of the 8 corners around grid position (px, py, pt) of level l. The int
   * cast truncates instead of flooring, which differs only below 0, where the clamp gives the same cell.
   */
  private void corners(int l, float px, float py, float pt, int last, int[] idx, float[] w) {
    int x = Math.min(Math.max((int) px, 0), last);
    int y = Math.min(Math.max((int) py, 0), last);
    int t = Math.min(Math.max((int) pt, 0), last);
    float fx = px - x;
    float fy = py - y;
    float ft = pt - t;
    float gx = 1f - fx;
    float gy = 1f - fy;
    float gt = 1f - ft;
    w[0] = gx * gy * gt;
    w[1] = fx * gy * gt;
    w[2] = gx * fy * gt;
    w[3] = fx * fy * gt;
    w[4] = gx * gy * ft;
    w[5] = fx * gy * ft;
    w[6] = gx * fy * ft;
    w[7] = fx * fy * ft;
    if (direct[l]) {
      int s = side[l];
      int i = x + s * (y + s * t);
      int ss = s * s;
      idx[0] = i;
      idx[1] = i + 1;
      idx[2] = i + s;
      idx[3] = i + s + 1;
      idx[4] = i + ss;
      idx[5] = i + ss + 1;
      idx[6] = i + ss + s;
      idx[7] = i + ss + s + 1;
    } else {
      int hy0 = y * PRIME_Y;
      int hy1 = (y + 1) * PRIME_Y;
      int ht0 = t * PRIME_T;
      int ht1 = (t + 1) * PRIME_T;
      idx[0] = (x ^ hy0 ^ ht0) & mask;
      idx[1] = ((x + 1) ^ hy0 ^ ht0) & mask;
      idx[2] = (x ^ hy1 ^ ht0) & mask;
      idx[3] = ((x + 1) ^ hy1 ^ ht0) & mask;
      idx[4] = (x ^ hy0 ^ ht1) & mask;
      idx[5] = ((x + 1) ^ hy0 ^ ht1) & mask;
      idx[6] = (x ^ hy1 ^ ht1) & mask;
      idx[7] = ((x + 1) ^ hy1 ^ ht1) & mask;
    }
  }
}
