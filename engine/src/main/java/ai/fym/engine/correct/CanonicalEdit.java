package ai.fym.engine.correct;

import ai.fym.engine.image.RgbImage;
import ai.fym.engine.trajectory.Confidence;
import java.util.Arrays;

/**
 * The edit of one shot expressed in its first frame's coordinates, for {@link TrajectoryWarpCorrector}, in two
 * layers estimated from the edited frames of the shot:
 * <ol>
 *   <li>a colour transform: on a grid of nodes over the first frame ({@code cell} pixels apart), an affine map
 *       from source colour to edited colour, fitted by least squares to all (source, edit) pixel pairs of the
 *       shot that map near the node, ridge-regressed towards the shot's global fit, interpolated bilinearly;
 *   <li>a detail layer: the part of the edit the transform misses (inked lines, tone bands), splatted to the
 *       mapped positions weighted by confidence, in {@link Detail} accumulators that the caller averages over
 *       the frames it chooses ({@link #average}).
 * </ol>
 * {@link #render} gives transform(input) + detail at the mapped position; the input is the source pixel pulled
 * by {@code carry} towards the first frame there, as far as they agree: the field's {@link Confidence}.
 */
final class CanonicalEdit {
  private static final double RIDGE = 0.01;
  private static final double PRIOR_PIXELS = 4;
  private static final float DETAIL_PRIOR = 0.5f;

  private final float[] firstRgb;
  private final int width;
  private final int height;
  private final double tolerance;
  private final int cell;
  private final int nodesX;
  private final int nodesY;
  private final double[] normal;
  private final float[] coefficients;
  private final float detailScale;
  private final float carry;

  CanonicalEdit(RgbImage first, double tolerance, int cell, float detailScale, float carry) {
    this.carry = carry;
    this.detailScale = detailScale;
    byte[] rgb = first.rgb();
    this.firstRgb = new float[rgb.length];
    for (int i = 0; i < rgb.length; i++) {
      firstRgb[i] = rgb[i] & 0xff;
    }
    this.width = first.width();
    this.height = first.height();
    this.tolerance = tolerance;
    this.cell = cell;
    this.nodesX = Math.max(1, (width + cell - 1) / cell);
    this.nodesY = Math.max(1, (height + cell - 1) / cell);
    this.normal = new double[nodesX * nodesY * 28];
    this.coefficients = new float[nodesX * nodesY * 12];
  }

  /** Pass 1: adds frame t's (source, edit) pairs, every second pixel each way, to the nodes near their map. */
  void fit(RgbImage source, RgbImage edited, float[] map) {
    byte[] s = source.rgb();
    byte[] e = edited.rgb();
    float[] w = new float[4];
    int[] node = new int[4];
    double[] v = new double[4];
    for (int y = 0; y < height; y += 2) {
      for (int x = 0; x < width; x += 2) {
        int p = y * width + x;
        if (!inside(map[2 * p], map[2 * p + 1])) {
          continue;
        }
        nodes(map[2 * p], map[2 * p + 1], node, w);
        for (int k = 0; k < 3; k++) {
          v[k] = (s[3 * p + k] & 0xff) / 255.0;
        }
        v[3] = 1;
        for (int n = 0; n < 4; n++) {
          if (w[n] == 0f) {
            continue;
          }
          int o = node[n] * 28;
          for (int i = 0; i < 4; i++) {
            double wi = w[n] * v[i];
            for (int j = 0; j < 4; j++) {
              normal[o + 4 * i + j] += wi * v[j];
            }
            for (int c = 0; c < 3; c++) {
              normal[o + 16 + 3 * i + c] += wi * (e[3 * p + c] & 0xff) / 255.0;
            }
          }
        }
      }
    }
  }

  /** Solves every node's transform, ridge-regressed towards the global one. */
  void solve() {
    double[] global = new double[28];
    for (int n = 0; n < nodesX * nodesY; n++) {
      for (int i = 0; i < 28; i++) {
        global[i] += normal[n * 28 + i];
      }
    }
    double[] identity = new double[12];
    identity[0] = 1;
    identity[4] = 1;
    identity[8] = 1;
    double[] globalFit = Affine.solve(global, 0, 1e-6 * Math.max(1, global[15]), identity);
    for (int n = 0; n < nodesX * nodesY; n++) {
      double ridge = RIDGE * normal[n * 28 + 15] + PRIOR_PIXELS;
      double[] fit = Affine.solve(normal, n * 28, ridge, globalFit);
      for (int i = 0; i < 12; i++) {
        coefficients[n * 12 + i] = (float) fit[i];
      }
    }
  }

  /** A detail accumulator: confidence-weighted sums of residuals at first-frame positions, and the weights. */
  record Detail(float[] sum, float[] weight) {
    void clear() {
      Arrays.fill(sum, 0f);
      Arrays.fill(weight, 0f);
    }
  }

  /** An empty detail accumulator of this shot's size. */
  Detail newDetail() {
    return new Detail(new float[width * height * 3], new float[width * height]);
  }

  /** Adds what the transform misses in frame t to {@code detail}, at the mapped positions, by confidence. */
  void addDetail(Detail detail, RgbImage source, RgbImage edited, float[] map) {
    byte[] s = source.rgb();
    byte[] e = edited.rgb();
    float[] at = new float[3];
    float[] own = new float[3];
    float[] predicted = new float[3];
    float[] residual = new float[3];
    for (int p = 0; p < width * height; p++) {
      float x = map[2 * p];
      float y = map[2 * p + 1];
      if (!inside(x, y)) {
        continue;
      }
      sample(firstRgb, x, y, at);
      for (int c = 0; c < 3; c++) {
        own[c] = s[3 * p + c] & 0xff;
      }
      float confidence = Confidence.ofLumaDifference(luma(own) - luma(at), tolerance);
      if (confidence <= 0f) {
        continue;
      }
      transform(x, y, own, predicted);
      for (int c = 0; c < 3; c++) {
        residual[c] = (e[3 * p + c] & 0xff) - predicted[c];
      }
      int x0 = Math.min(width - 2, (int) x);
      int y0 = Math.min(height - 2, (int) y);
      float ax = x - x0;
      float ay = y - y0;
      splat(detail, y0 * width + x0, (1 - ax) * (1 - ay) * confidence, residual);
      splat(detail, y0 * width + x0 + 1, ax * (1 - ay) * confidence, residual);
      splat(detail, (y0 + 1) * width + x0, (1 - ax) * ay * confidence, residual);
      splat(detail, (y0 + 1) * width + x0 + 1, ax * ay * confidence, residual);
    }
  }

  private static void splat(Detail d, int q, float w, float[] residual) {
    d.weight[q] += w;
    for (int c = 0; c < 3; c++) {
      d.sum[3 * q + c] += w * residual[c];
    }
  }

  /**
   * The weighted average of several accumulators ({@code weights[i]} on {@code details[i]}), scaled by the
   * detail strength; where little landed the prior pulls it to zero.
   */
  float[] average(Detail[] details, float[] weights) {
    float[] out = new float[width * height * 3];
    for (int q = 0; q < width * height; q++) {
      float w = DETAIL_PRIOR;
      float r = 0;
      float g = 0;
      float b = 0;
      for (int i = 0; i < details.length; i++) {
        if (weights[i] == 0f) {
          continue;
        }
        w += weights[i] * details[i].weight[q];
        r += weights[i] * details[i].sum[3 * q];
        g += weights[i] * details[i].sum[3 * q + 1];
        b += weights[i] * details[i].sum[3 * q + 2];
      }
      float norm = detailScale / w;
      out[3 * q] = r * norm;
      out[3 * q + 1] = g * norm;
      out[3 * q + 2] = b * norm;
    }
    return out;
  }

  /** Frame t rendered from the two layers (see the class comment). */
  RgbImage render(RgbImage source, float[] map, float[] detailAverage) {
    byte[] s = source.rgb();
    byte[] out = new byte[s.length];
    float[] at = new float[3];
    float[] input = new float[3];
    float[] predicted = new float[3];
    float[] detail = new float[3];
    for (int p = 0; p < width * height; p++) {
      float x = Math.min(width - 1f, Math.max(0f, map[2 * p]));
      float y = Math.min(height - 1f, Math.max(0f, map[2 * p + 1]));
      sample(firstRgb, x, y, at);
      for (int c = 0; c < 3; c++) {
        input[c] = s[3 * p + c] & 0xff;
      }
      float take = inside(map[2 * p], map[2 * p + 1])
          ? carry * Confidence.ofLumaDifference(luma(input) - luma(at), tolerance) : 0f;
      for (int c = 0; c < 3; c++) {
        input[c] += take * (at[c] - input[c]);
      }
      transform(x, y, input, predicted);
      sample(detailAverage, x, y, detail);
      for (int c = 0; c < 3; c++) {
        float v = predicted[c] + detail[c];
        out[3 * p + c] = (byte) Math.max(0, Math.min(255, Math.round(v)));
      }
    }
    return new RgbImage(width, height, out);
  }

  /** The interpolated transform at (x, y) applied to {@code rgb} (grey levels) into {@code out}. */
  private void transform(float x, float y, float[] rgb, float[] out) {
    float[] w = new float[4];
    int[] node = new int[4];
    nodes(x, y, node, w);
    for (int c = 0; c < 3; c++) {
      float acc = 0;
      for (int n = 0; n < 4; n++) {
        int o = node[n] * 12;
        acc += w[n] * (coefficients[o + c] * rgb[0] + coefficients[o + 3 + c] * rgb[1]
            + coefficients[o + 6 + c] * rgb[2] + coefficients[o + 9 + c] * 255f);
      }
      out[c] = acc;
    }
  }

  /** The four grid nodes around (x, y) (node centres at cell middles, clamped) and their bilinear weights. */
  private void nodes(float x, float y, int[] node, float[] w) {
    float gx = Math.min(nodesX - 1f, Math.max(0f, x / cell - 0.5f));
    float gy = Math.min(nodesY - 1f, Math.max(0f, y / cell - 0.5f));
    int x0 = (int) gx;
    int y0 = (int) gy;
    int x1 = Math.min(nodesX - 1, x0 + 1);
    int y1 = Math.min(nodesY - 1, y0 + 1);
    float ax = gx - x0;
    float ay = gy - y0;
    node[0] = y0 * nodesX + x0;
    node[1] = y0 * nodesX + x1;
    node[2] = y1 * nodesX + x0;
    node[3] = y1 * nodesX + x1;
    w[0] = (1 - ax) * (1 - ay);
    w[1] = ax * (1 - ay);
    w[2] = (1 - ax) * ay;
    w[3] = ax * ay;
  }

  private boolean inside(float x, float y) {
    return x >= 0 && y >= 0 && x <= width - 1 && y <= height - 1;
  }

  /** Bilinear sample of an interleaved RGB float image of this size. */
  private void sample(float[] image, float x, float y, float[] out) {
    int x0 = Math.min(width - 2, (int) x);
    int y0 = Math.min(height - 2, (int) y);
    float ax = x - x0;
    float ay = y - y0;
    int p00 = 3 * (y0 * width + x0);
    int p10 = p00 + 3 * width;
    for (int c = 0; c < 3; c++) {
      float top = image[p00 + c] * (1 - ax) + image[p00 + 3 + c] * ax;
      float bottom = image[p10 + c] * (1 - ax) + image[p10 + 3 + c] * ax;
      out[c] = top * (1 - ay) + bottom * ay;
    }
  }

  private static float luma(float[] rgb) {
    return 0.299f * rgb[0] + 0.587f * rgb[1] + 0.114f * rgb[2];
  }
}
