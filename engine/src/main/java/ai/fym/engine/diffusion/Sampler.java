package ai.fym.engine.diffusion;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Deterministic DDIM sampling of a shot's corrected crops, SDEdit style: every frame starts from its conditioning
 * image (the trajectory-warp result) noised to the strength level, never from pure noise, with ONE noise image
 * shared by all frames of the shot (independent noise per frame would itself flicker), then steps down to level
 * 0. An untrained denoiser predicts its conditioning image at every step, so sampling returns it unchanged.
 */
final class Sampler {
  private static final int CHUNK = 8;

  private Sampler() {}

  /** The corrected crop of every frame of {@code shot}; {@code control} is the adapted branch or null. */
  static List<float[]> sample(Denoiser d, ParamStore control, CropShot shot) {
    DenoiserSettings s = d.settings;
    int n = s.size() * s.size();
    Random rng = new Random(s.seed() * 131);
    float[] noise = new float[3 * n];
    for (int i = 0; i < noise.length; i++) {
      noise[i] = (float) rng.nextGaussian();
    }
    List<float[]> out = new ArrayList<>(shot.frames());
    for (int from = 0; from < shot.frames(); from += CHUNK) {
      int to = Math.min(shot.frames(), from + CHUNK);
      int count = to - from;
      List<float[]> conditions = new ArrayList<>(shot.trajectoryWarp.subList(from, to));
      List<float[]> x = new ArrayList<>(count);
      for (float[] c : conditions) {
        x.add(NoiseSchedule.noised(c, noise, s.strength()));
      }
      List<CropShot> shots = new ArrayList<>(Collections.nCopies(count, shot));
      int[] frames = new int[count];
      for (int i = 0; i < count; i++) {
        frames[i] = from + i;
      }
      try (NDManager m = NDManager.newBaseManager()) {
        ParamStore.Bound base = d.base.bind(m, false);
        ParamStore.Bound branch = control == null ? null : control.bind(m, false);
        for (int k = 0; k < s.sampleSteps(); k++) {
          double level = s.strength() * (s.sampleSteps() - k) / s.sampleSteps();
          double next = s.strength() * (s.sampleSteps() - k - 1) / s.sampleSteps();
          float[] levels = new float[count];
          Arrays.fill(levels, (float) level);
          Denoiser.Batch batch = d.batch(m, x, conditions, levels, shots, frames, control != null);
          float[] predicted = d.predict(base, branch, batch).toFloatArray();
          for (int i = 0; i < count; i++) {
            float[] p = Arrays.copyOfRange(predicted, i * 3 * n, (i + 1) * 3 * n);
            x.set(i, NoiseSchedule.ddimStep(x.get(i), p, level, next));
          }
        }
      }
      out.addAll(x);
    }
    return out;
  }
}
