package ai.fym.engine.hashgrid;

/**
 * The single-threaded inner loops of {@link HashGridCpu}: for a range of points, level by level (so one level's
 * table stays warm in cache), either the trilinearly interpolated features or the scatter of their gradient.
 * The hash uses 32-bit int arithmetic, which wraps exactly like instant-ngp's uint32, and a power-of-two mask.
 *
 * <p>A hashed level's table (4 MB at the CoDeF size) is larger than a core's L2 cache, so each point's 4 random
 * rows of corners often miss it, and the loops are bound by how many of those misses are in flight, not by
 * arithmetic. The backward pass therefore reads its dOut values from a small block buffer filled by a tight
 * copy loop (see {@link #encode}).
 */
final class LevelKernel {

  static final int PRIME_Y = (int) 2654435761L;
  static final int PRIME_T = 805459861;

  /** Points per block of the backward pass's dOut buffer: a few cache lines, enough to stream its rows. */
  private static final int BLOCK = 64;

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
   *
   * <p>Backward, a level's dOut values are copied block by block into a buffer before the scatter reads them: a
   * point's dOut row is L * F floats, so read in place each point's value costs a cache miss of its own amid the
   * table misses, holding up the scatter, while a tight copy loop streams them ({@link #copyBlock}). Points are
   * still scattered in ascending order, so gradients are the same bit for bit as without blocks. Forward writes
   * its rows directly: buffering the stores the same way measured slower.
   */
  void encode(float[] xyt, int from, int to, int firstLevel, int levelStep, float[] out, float[] dOut,
      float[] grad) {
    int[] idx = new int[8];
    float[] w = new float[8];
    int stride = levels * features;
    float[] dBlock = out == null ? new float[BLOCK * features] : null;
    for (int l = firstLevel; l < levels; l += levelStep) {
      if (out != null) {
        level(l, xyt, from, to, out, stride, null, null, idx, w);
        continue;
      }
      for (int start = from; start < to; start += BLOCK) {
        int end = Math.min(to, start + BLOCK);
        copyBlock(dOut, l, start, end, stride, dBlock);
        level(l, xyt, start, end, null, stride, dBlock, grad, idx, w);
      }
    }
  }

  /**
   * Copies the level-l values of dOut for points [from, to) into dBlock. How tight this loop is decides the gain
   * (time of a backward call, F = 2 at CoDeF's sizes, 1 thread): this F = 2 loop cut it by 15-20%, the general
   * loop below (one feature at a time) by about 12%, and a loop over the features inside the loop over points, or
   * a System.arraycopy per point, by 2-3%.
   */
  private void copyBlock(float[] dOut, int l, int from, int to, int stride, float[] dBlock) {
    int row = from * stride + l * features;
    int n = (to - from) * features;
    if (features == 2) {
      for (int q = 0, r = row; q < n; q += 2, r += stride) {
        dBlock[q] = dOut[r];
        dBlock[q + 1] = dOut[r + 1];
      }
    } else {
      for (int f = 0; f < features; f++) {
        for (int q = f, r = row + f; q < n; q += features, r += stride) {
          dBlock[q] = dOut[r];
        }
      }
    }
  }

  /**
   * Level l of {@link #encode} for points [from, to): into the rows of {@code out} (row length {@code stride}),
   * or, when {@code out} is null, scattering dBlock (point from's F values first) into {@code grad}.
   */
  private void level(int l, float[] xyt, int from, int to, float[] out, int stride, float[] dBlock, float[] grad,
      int[] idx, float[] w) {
    if (features == 2) {
      encodePairs(l, xyt, from, to, out, stride, dBlock, grad);
    } else {
      encodeLevel(l, xyt, from, to, out, stride, dBlock, grad, idx, w);
    }
  }

  /** {@link #level} for any F, with corners and weights in the arrays {@code idx} and {@code w}. */
  private void encodeLevel(int l, float[] xyt, int from, int to, float[] out, int stride, float[] dBlock,
      float[] grad, int[] idx, float[] w) {
    float scale = resolution[l];
    int last = resolution[l] - 1;
    int base = offset[l];
    for (int p = from; p < to; p++) {
      corners(l, xyt[3 * p] * scale, xyt[3 * p + 1] * scale, xyt[3 * p + 2] * scale, last, idx, w);
      if (out != null) {
        int o = p * stride + l * features;
        for (int f = 0; f < features; f++) {
          float acc = 0f;
          for (int c = 0; c < 8; c++) {
            acc += w[c] * params[base + idx[c] * features + f];
          }
          out[o + f] = acc;
        }
      } else {
        int d = (p - from) * features;
        for (int c = 0; c < 8; c++) {
          int e = base + idx[c] * features;
          for (int f = 0; f < features; f++) {
            grad[e + f] += w[c] * dBlock[d + f];
          }
        }
      }
    }
  }

  /**
   * {@link #level} for F = 2 (CoDeF's configuration), with corners and weights kept in locals instead of arrays.
   * Forward and backward share this one loop on purpose: split into a method of its own, the forward loop
   * measured a few percent slower (likely because C2 then unrolls it, as it does small loops with many XORs).
   */
  private void encodePairs(int l, float[] xyt, int from, int to, float[] out, int stride, float[] dBlock,
      float[] grad) {
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
      if (out != null) {
        int o = p * stride + 2 * l;
        out[o] = w0 * params[i0] + w1 * params[i1] + w2 * params[i2] + w3 * params[i3]
            + w4 * params[i4] + w5 * params[i5] + w6 * params[i6] + w7 * params[i7];
        out[o + 1] = w0 * params[i0 + 1] + w1 * params[i1 + 1] + w2 * params[i2 + 1] + w3 * params[i3 + 1]
            + w4 * params[i4 + 1] + w5 * params[i5 + 1] + w6 * params[i6 + 1] + w7 * params[i7 + 1];
      } else {
        float da = dBlock[2 * (p - from)];
        float db = dBlock[2 * (p - from) + 1];
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
