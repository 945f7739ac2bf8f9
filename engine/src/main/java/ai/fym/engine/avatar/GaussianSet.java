package ai.fym.engine.avatar;

import java.util.Random;

/**
 * An avatar's canonical Gaussians as flat float arrays, the source of truth that optimisers, densification and
 * files work on (NDArrays are made from them for each step). Per Gaussian: mean (3, canonical units where the
 * crop spans [-1, 1]), log scale (3), quaternion (4, w x y z), opacity logit (1), degree-1 spherical harmonics
 * (4 x 3, DC first).
 */
final class GaussianSet {
  static final int SH_VALUES = 12;
  /** The zeroth spherical-harmonic basis value: colour = SH_C0 * dc + 0.5. */
  static final float SH_C0 = 0.28209479177387814f;

  final int count;
  final float[] means;
  final float[] logScales;
  final float[] rotations;
  final float[] opacityLogits;
  final float[] sh;

  GaussianSet(int count) {
    this(count, new float[count * 3], new float[count * 3], new float[count * 4], new float[count],
        new float[count * SH_VALUES]);
  }

  GaussianSet(int count, float[] means, float[] logScales, float[] rotations, float[] opacityLogits, float[] sh) {
    this.count = count;
    this.means = means;
    this.logScales = logScales;
    this.rotations = rotations;
    this.opacityLogits = opacityLogits;
    this.sh = sh;
  }

  /** The parameter arrays in a fixed order (for optimisers and files). */
  float[][] arrays() {
    return new float[][] {means, logScales, rotations, opacityLogits, sh};
  }

  /** Values per Gaussian of each of {@link #arrays()}. */
  static int[] widths() {
    return new int[] {3, 3, 4, 1, SH_VALUES};
  }

  /**
   * A grid of isotropic Gaussians every {@code spacing} pixels over a {@code size x size} crop, coloured by
   * {@code image} (row-major RGB in [0, 1]) at their centres, at depths jittered around 0 from {@code seed}.
   */
  static GaussianSet grid(int size, int spacing, float[] image, long seed) {
    int side = (size + spacing - 1) / spacing;
    GaussianSet g = new GaussianSet(side * side);
    Random random = new Random(seed);
    float pixel = 2f / size;
    float logScale = (float) Math.log(0.6f * spacing * pixel);
    float opacity = (float) Math.log(0.8 / 0.2);
    for (int row = 0; row < side; row++) {
      for (int col = 0; col < side; col++) {
        int i = row * side + col;
        float px = Math.min(size - 0.5f, col * spacing + spacing / 2f);
        float py = Math.min(size - 0.5f, row * spacing + spacing / 2f);
        g.means[3 * i] = px * pixel - 1f;
        g.means[3 * i + 1] = py * pixel - 1f;
        g.means[3 * i + 2] = (float) (random.nextGaussian() * 0.01);
        g.logScales[3 * i] = logScale;
        g.logScales[3 * i + 1] = logScale;
        g.logScales[3 * i + 2] = logScale;
        g.rotations[4 * i] = 1f;
        g.opacityLogits[i] = opacity;
        int at = ((int) py * size + (int) px) * 3;
        for (int c = 0; c < 3; c++) {
          g.sh[SH_VALUES * i + c] = (image[at + c] - 0.5f) / SH_C0;
        }
      }
    }
    return g;
  }
}
