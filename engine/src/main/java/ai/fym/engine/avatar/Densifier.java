package ai.fym.engine.avatar;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Densification and pruning, after 3DGS, with a budget instead of a gradient threshold: between rounds it
 * averages each Gaussian's positional gradient over the steps where it was drawn; a round prunes the Gaussians
 * that became nearly transparent and densifies the {@link #SHARE} with the largest average gradient (as far as
 * the cap allows): large ones are split in two smaller ones drawn from their own distribution, small ones cloned.
 */
final class Densifier {
  static final double SHARE = 0.05;
  private static final double MIN_OPACITY = 0.005;
  private static final double SPLIT_SHRINK = 1.6;

  private float[] gradientSum;
  private int[] drawn;

  Densifier(int count) {
    reset(count);
  }

  /** Adds one step's mean gradients (3 per Gaussian) for the Gaussians drawn (radius above 0). */
  void accumulate(float[] meanGradients, float[] radii) {
    for (int i = 0; i < drawn.length; i++) {
      if (radii[i] > 0) {
        gradientSum[i] += (float) Math.hypot(meanGradients[3 * i], meanGradients[3 * i + 1]);
        drawn[i]++;
      }
    }
  }

  /**
   * One round on {@code model}: its Gaussians are replaced and the returned map gives, for each new Gaussian,
   * the old one it came from (for the optimiser's moments). {@code splitAbove} is the largest standard
   * deviation, canonical units, a Gaussian may have and still be cloned rather than split.
   */
  int[] densify(AvatarModel model, int maxGaussians, float splitAbove, Random random) {
    GaussianSet old = model.gaussians();
    boolean[] pruned = new boolean[old.count];
    int kept = 0;
    for (int i = 0; i < old.count; i++) {
      pruned[i] = 1 / (1 + Math.exp(-old.opacityLogits[i])) < MIN_OPACITY;
      kept += pruned[i] ? 0 : 1;
    }
    boolean[] grow = chooseToGrow(pruned, Math.max(0, Math.min((int) Math.ceil(SHARE * kept), maxGaussians - kept)));
    List<Integer> sources = new ArrayList<>();
    GaussianBuilder out = new GaussianBuilder(old.count + kept);
    for (int i = 0; i < old.count; i++) {
      if (pruned[i]) {
        continue;
      }
      float largest = (float) Math.exp(Math.max(old.logScales[3 * i], old.logScales[3 * i + 1]));
      if (grow[i] && largest > splitAbove) {
        for (int copy = 0; copy < 2; copy++) {
          out.addSplit(old, i, random);
          sources.add(i);
        }
        continue;
      }
      out.addCopy(old, i);
      sources.add(i);
      if (grow[i]) {
        out.addCopy(old, i);
        sources.add(i);
      }
    }
    model.replaceGaussians(out.build());
    reset(model.gaussianCount());
    return sources.stream().mapToInt(Integer::intValue).toArray();
  }

  private boolean[] chooseToGrow(boolean[] pruned, int budget) {
    Integer[] order = new Integer[drawn.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    float[] average = new float[drawn.length];
    for (int i = 0; i < drawn.length; i++) {
      average[i] = drawn[i] == 0 || pruned[i] ? -1f : gradientSum[i] / drawn[i];
    }
    Arrays.sort(order, (a, b) -> Float.compare(average[b], average[a]));
    boolean[] grow = new boolean[drawn.length];
    for (int k = 0; k < budget && average[order[k]] > 0; k++) {
      grow[order[k]] = true;
    }
    return grow;
  }

  private void reset(int count) {
    gradientSum = new float[count];
    drawn = new int[count];
  }

  /** Appends Gaussians into arrays sized for the worst case, then trims them. */
  private static final class GaussianBuilder {
    private final GaussianSet buffer;
    private int count;

    GaussianBuilder(int capacity) {
      buffer = new GaussianSet(capacity);
    }

    void addCopy(GaussianSet from, int i) {
      float[][] src = from.arrays();
      float[][] dst = buffer.arrays();
      int[] widths = GaussianSet.widths();
      for (int g = 0; g < src.length; g++) {
        System.arraycopy(src[g], i * widths[g], dst[g], count * widths[g], widths[g]);
      }
      count++;
    }

    /** A copy of Gaussian i moved to a point drawn from it and shrunk. */
    void addSplit(GaussianSet from, int i, Random random) {
      int j = count;
      addCopy(from, i);
      float[] local = new float[3];
      for (int a = 0; a < 3; a++) {
        local[a] = (float) (random.nextGaussian() * Math.exp(from.logScales[3 * i + a]));
        buffer.logScales[3 * j + a] -= (float) Math.log(SPLIT_SHRINK);
      }
      float[] moved = rotate(from.rotations, i, local);
      for (int a = 0; a < 3; a++) {
        buffer.means[3 * j + a] += moved[a];
      }
    }

    GaussianSet build() {
      float[][] a = buffer.arrays();
      int[] widths = GaussianSet.widths();
      return new GaussianSet(count, Arrays.copyOf(a[0], count * widths[0]), Arrays.copyOf(a[1], count * widths[1]),
          Arrays.copyOf(a[2], count * widths[2]), Arrays.copyOf(a[3], count * widths[3]),
          Arrays.copyOf(a[4], count * widths[4]));
    }

    /** {@code v} rotated by Gaussian i's (normalised) quaternion. */
    private static float[] rotate(float[] quaternions, int i, float[] v) {
      double w = quaternions[4 * i];
      double x = quaternions[4 * i + 1];
      double y = quaternions[4 * i + 2];
      double z = quaternions[4 * i + 3];
      double norm = Math.sqrt(w * w + x * x + y * y + z * z);
      w /= norm;
      x /= norm;
      y /= norm;
      z /= norm;
      return new float[] {
          (float) ((1 - 2 * (y * y + z * z)) * v[0] + 2 * (x * y - w * z) * v[1] + 2 * (x * z + w * y) * v[2]),
          (float) (2 * (x * y + w * z) * v[0] + (1 - 2 * (x * x + z * z)) * v[1] + 2 * (y * z - w * x) * v[2]),
          (float) (2 * (x * z - w * y) * v[0] + 2 * (y * z + w * x) * v[1] + (1 - 2 * (x * x + y * y)) * v[2])};
    }
  }
}
