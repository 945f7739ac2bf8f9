package ai.fym.engine.avatar;

import ai.fym.engine.optim.Adam;

/**
 * Adam over an avatar's parameter groups, each with its own step size as in 3DGS: Gaussian means (decaying
 * exponentially to a hundredth over training), log scales, rotations, opacities, colours, and the deformation
 * network (decaying to a tenth). When densification adds or removes Gaussians, {@link #remap} carries each
 * surviving Gaussian's moments over and starts new ones at zero.
 */
final class AvatarOptimiser {
  private static final float BETA1 = 0.9f;
  private static final float BETA2 = 0.999f;
  private static final float EPSILON = 1e-15f;
  /** Step sizes of the Gaussian groups, in {@link GaussianSet#arrays()} order. */
  private static final float[] RATES = {6.4e-3f, 1e-2f, 2e-3f, 0.05f, 5e-2f};
  private static final float DEFORMATION_RATE = 1e-2f;

  private final Adam[] gaussianAdams = new Adam[RATES.length];
  private final Adam deformationAdam;

  AvatarOptimiser(AvatarModel model) {
    float[][] arrays = model.gaussians().arrays();
    for (int g = 0; g < arrays.length; g++) {
      gaussianAdams[g] = adam(arrays[g]);
    }
    deformationAdam = adam(model.deformation());
  }

  /** One step on every group at training progress {@code progress} in [0, 1]; the gradients are zeroed. */
  void step(float[][] gaussianGradients, float[] deformationGradient, double progress) {
    for (int g = 0; g < gaussianAdams.length; g++) {
      float rate = g == 0 ? (float) (RATES[0] * Math.pow(0.01, progress)) : RATES[g];
      gaussianAdams[g].step(gaussianGradients[g], rate);
    }
    deformationAdam.step(deformationGradient, (float) (DEFORMATION_RATE * Math.pow(0.1, progress)));
  }

  /**
   * Rebinds the Gaussian groups to {@code model}'s new Gaussians, where new Gaussian j took its values from old
   * Gaussian {@code source[j]}: moments are copied for the first copy of each old Gaussian and zero otherwise.
   */
  void remap(AvatarModel model, int[] source) {
    float[][] arrays = model.gaussians().arrays();
    int[] widths = GaussianSet.widths();
    for (int g = 0; g < arrays.length; g++) {
      float[][] state = gaussianAdams[g].state();
      int steps = (int) state[2][0];
      float[] m = new float[arrays[g].length];
      float[] v = new float[arrays[g].length];
      boolean[] used = new boolean[state[0].length / widths[g]];
      for (int j = 0; j < source.length; j++) {
        int from = source[j];
        if (from >= 0 && !used[from]) {
          used[from] = true;
          System.arraycopy(state[0], from * widths[g], m, j * widths[g], widths[g]);
          System.arraycopy(state[1], from * widths[g], v, j * widths[g], widths[g]);
        }
      }
      gaussianAdams[g] = adam(arrays[g]);
      gaussianAdams[g].restore(m, v, steps);
    }
  }

  /** Every group's moments and step count, Gaussian groups first (for checkpoints). */
  float[][][] state() {
    float[][][] s = new float[gaussianAdams.length + 1][][];
    for (int g = 0; g < gaussianAdams.length; g++) {
      s[g] = gaussianAdams[g].state();
    }
    s[gaussianAdams.length] = deformationAdam.state();
    return s;
  }

  /** Restores what {@link #state()} returned. */
  void restore(float[][][] s) {
    for (int g = 0; g < gaussianAdams.length; g++) {
      gaussianAdams[g].restore(s[g][0], s[g][1], (int) s[g][2][0]);
    }
    deformationAdam.restore(s[gaussianAdams.length][0], s[gaussianAdams.length][1],
        (int) s[gaussianAdams.length][2][0]);
  }

  private static Adam adam(float[] params) {
    return new Adam(params, BETA1, BETA2, EPSILON, false);
  }
}
