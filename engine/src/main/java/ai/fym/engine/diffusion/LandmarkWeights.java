package ai.fym.engine.diffusion;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Dynamic re-weighted attention: per-landmark weights w_k (68 of them) that bias the denoiser's attention towards
 * keys near the facial landmarks, W = 1 + sum_k w_k G_k with G_k a Gaussian bump at landmark k at the attention's
 * resolution; the attention adds log W to its logits. During training the per-landmark loss (the squared error
 * around each landmark) is accumulated and every update moves each w_k towards its loss relative to the mean:
 * landmarks the denoiser gets wrong (mouth, eyes in motion) gain weight, clipped to [0, max]. The weights after
 * every update are kept as the identity's history.
 */
final class LandmarkWeights {
  static final int COUNT = 68;
  /** Landmark groups of the heatmap input: jaw, brows, nose, eyes, mouth (iBUG 68 numbering). */
  static final int[][] GROUPS = {{0, 17}, {17, 27}, {27, 36}, {36, 48}, {48, 68}};

  private final float[] weights = new float[COUNT];
  private final double rate;
  private final double max;
  private final double[] lossSum = new double[COUNT];
  private final List<float[]> history = new ArrayList<>();
  private int batches;

  LandmarkWeights(double rate, double max) {
    this.rate = rate;
    this.max = max;
    Arrays.fill(weights, 1f);
  }

  float[] weights() {
    return weights.clone();
  }

  void restore(float[] stored) {
    System.arraycopy(stored, 0, weights, 0, COUNT);
  }

  /** Every update so far: the step it was taken at, then the 68 weights. */
  List<float[]> history() {
    return history;
  }

  void restoreHistory(List<float[]> stored) {
    history.clear();
    history.addAll(stored);
  }

  /**
   * Gaussian bumps at the landmarks ({@code landmarks}: 68 x, y in pixels of a {@code size} crop) on a
   * {@code res x res} grid, zero beyond three sigmas: (68, res * res),
   * row-major.
   */
  static float[] bumps(float[] landmarks, int size, int res, float sigmaCells) {
    float[] g = new float[COUNT * res * res];
    float scale = (float) res / size;
    float inv = 1f / (2f * sigmaCells * sigmaCells);
    for (int k = 0; k < COUNT; k++) {
      float lx = landmarks[2 * k] * scale - 0.5f;
      float ly = landmarks[2 * k + 1] * scale - 0.5f;
      int reach = (int) Math.ceil(3 * sigmaCells);
      for (int y = Math.max(0, (int) ly - reach); y <= Math.min(res - 1, (int) ly + reach + 1); y++) {
        for (int x = Math.max(0, (int) lx - reach); x <= Math.min(res - 1, (int) lx + reach + 1); x++) {
          float dx = x - lx;
          float dy = y - ly;
          g[(k * res + y) * res + x] = (float) Math.exp(-(dx * dx + dy * dy) * inv);
        }
      }
    }
    return g;
  }

  /** log W on the {@code res x res} grid for one crop's landmarks (null landmarks: all zeros, W = 1). */
  float[] logWeights(float[] landmarks, int size, int res) {
    float[] out = new float[res * res];
    if (landmarks == null) {
      return out;
    }
    float[] g = bumps(landmarks, size, res, 1f);
    for (int p = 0; p < out.length; p++) {
      double w = 1;
      for (int k = 0; k < COUNT; k++) {
        w += weights[k] * g[k * out.length + p];
      }
      out[p] = (float) Math.log(w);
    }
    return out;
  }

  /** Adds one crop's per-landmark loss: the squared error {@code error} (size x size) averaged around each landmark. */
  void accumulate(float[] error, float[] landmarks, int size) {
    if (landmarks == null) {
      return;
    }
    float[] g = bumps(landmarks, size, size, size / 32f);
    int n = size * size;
    for (int k = 0; k < COUNT; k++) {
      double sum = 0;
      double mass = 1e-6;
      for (int p = 0; p < n; p++) {
        sum += g[k * n + p] * error[p];
        mass += g[k * n + p];
      }
      lossSum[k] += sum / mass;
    }
    batches++;
  }

  /** Moves the weights towards the accumulated losses relative to their mean, records them, and starts over. */
  void update(int step) {
    if (batches == 0 || rate == 0) {
      return;
    }
    double mean = Arrays.stream(lossSum).sum() / COUNT;
    for (int k = 0; k < COUNT; k++) {
      double target = mean > 0 ? lossSum[k] / mean : 1;
      weights[k] = (float) Math.max(0, Math.min(max, (1 - rate) * weights[k] + rate * target));
    }
    float[] row = new float[COUNT + 1];
    row[0] = step;
    System.arraycopy(weights, 0, row, 1, COUNT);
    history.add(row);
    Arrays.fill(lossSum, 0);
    batches = 0;
  }

  /** The five landmark-group heatmaps (5, size, size) of one crop, each the maximum of its landmarks' bumps. */
  static float[] heatmaps(float[] landmarks, int size) {
    float[] out = new float[GROUPS.length * size * size];
    if (landmarks == null) {
      return out;
    }
    float[] g = bumps(landmarks, size, size, size / 40f);
    int n = size * size;
    for (int grp = 0; grp < GROUPS.length; grp++) {
      for (int k = GROUPS[grp][0]; k < GROUPS[grp][1]; k++) {
        for (int p = 0; p < n; p++) {
          out[grp * n + p] = Math.max(out[grp * n + p], g[k * n + p]);
        }
      }
    }
    return out;
  }
}
