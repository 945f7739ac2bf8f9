package ai.fym.engine.diffusion;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.fym.engine.nn.Autograd;
import ai.fym.engine.optim.Adam;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Trains the denoiser in its two stages. Stage 1 (per identity): the base network learns to produce frame t from
 * the shot's first frame carried along the trajectory, at noise levels over [0, 1], and the landmark weights
 * follow its per-landmark loss. Stage 2 (per edit): the base network is frozen and a ControlNet branch learns,
 * at the noise levels sampling uses ([0, strength]), to produce the edited frame from the trajectory-warp result
 * and the edit hint. Both minimise the squared error of the predicted clean crop; Adam with a short warm-up and a
 * cosine decay; gradients clipped to norm 1. Stage 1 checkpoints (parameters, weights, Adam moments) and resumes.
 */
final class DenoiserTrainer {
  static final int WEIGHT_UPDATE_EVERY = 50;
  private static final int WARMUP = 50;
  private static final double CLIP_NORM = 1.0;

  private DenoiserTrainer() {}

  /** Stage 1: a base denoiser for {@code shots}, resumed from {@code checkpoint} when one is there. */
  static Denoiser trainBase(List<CropShot> shots, DenoiserSettings settings, Path checkpoint, int checkpointEvery,
      DiffusionCorrection.Progress monitor) throws IOException {
    int features = shots.get(0).featureChannels;
    Denoiser d = new Denoiser(settings, features);
    Adam adam = new Adam(d.base.values(), 0.9f, 0.999f, 1e-8f, false);
    if (checkpoint != null && Files.exists(checkpoint)) {
      Denoiser stored = Denoiser.load(checkpoint, settings);
      if (stored.featureChannels == features && stored.optimiserState != null) {
        d = stored;
        adam = new Adam(d.base.values(), 0.9f, 0.999f, 1e-8f, false);
        float[][] state = stored.optimiserState;
        adam.restore(state[0], state[1], (int) state[2][0]);
      }
    }
    long started = System.nanoTime() - (long) (d.seconds * 1e9);
    Denoiser model = d;
    Adam optimiser = adam;
    run(model, shots, model.base, false, optimiser, monitor, (step, loss) -> {
      model.steps = step;
      model.loss = loss;
      model.seconds = (System.nanoTime() - started) / 1e9;
      if (checkpoint != null && checkpointEvery > 0 && step % checkpointEvery == 0 && step < settings.baseSteps()) {
        model.write(checkpoint, optimiser.state());
      }
    });
    model.seconds = (System.nanoTime() - started) / 1e9;
    return model;
  }

  /** Stage 2: a ControlNet branch adapted to the edit of {@code shots} (each with its edit added). */
  static ParamStore adapt(Denoiser d, List<CropShot> shots, DiffusionCorrection.Progress monitor) throws IOException {
    ParamStore control = d.net.declareControl(d.base, 3, d.settings.seed() + 1);
    Adam adam = new Adam(control.values(), 0.9f, 0.999f, 1e-8f, false);
    run(d, shots, control, true, adam, monitor, (step, loss) -> { });
    return control;
  }

  @FunctionalInterface
  private interface AfterStep {
    void done(int step, double loss) throws IOException;
  }

  private static void run(Denoiser d, List<CropShot> shots, ParamStore trainable, boolean adapting, Adam adam,
      DiffusionCorrection.Progress monitor, AfterStep after) throws IOException {
    DenoiserSettings s = d.settings;
    int steps = adapting ? s.adaptStepsFor(shots.stream().mapToInt(CropShot::frames).sum()) : s.baseSteps();
    int n = s.size() * s.size();
    int b = s.batch();
    Random rng = new Random(s.seed() * 31 + (adapting ? 7 : 0) + adam.steps());
    int[] cumulative = new int[shots.size()];
    for (int i = 0, total = 0; i < shots.size(); i++) {
      total += shots.get(i).frames();
      cumulative[i] = total;
    }
    float[] grad = new float[trainable.values().length];
    double running = Double.NaN;
    for (int step = adam.steps(); step < steps; step++) {
      List<CropShot> picked = new ArrayList<>(b);
      int[] frames = new int[b];
      float[] levels = new float[b];
      List<float[]> noisy = new ArrayList<>(b);
      List<float[]> conditions = new ArrayList<>(b);
      float[] target = new float[b * 3 * n];
      for (int i = 0; i < b; i++) {
        int k = rng.nextInt(cumulative[cumulative.length - 1]);
        int shot = 0;
        while (cumulative[shot] <= k) {
          shot++;
        }
        CropShot c = shots.get(shot);
        int t = rng.nextInt(c.frames());
        picked.add(c);
        frames[i] = t;
        levels[i] = (float) (rng.nextDouble() * (adapting ? s.strength() : 1.0));
        float[] clean = adapting ? c.edit.get(t) : c.source.get(t);
        float[] noise = new float[3 * n];
        for (int j = 0; j < noise.length; j++) {
          noise[j] = (float) rng.nextGaussian();
        }
        noisy.add(NoiseSchedule.noised(clean, noise, levels[i]));
        conditions.add(adapting ? c.trajectoryWarp.get(t) : c.warped.get(t));
        System.arraycopy(clean, 0, target, i * 3 * n, 3 * n);
      }
      float loss;
      float[] errors = null;
      try (NDManager m = NDManager.newBaseManager()) {
        Denoiser.Batch batch = d.batch(m, noisy, conditions, levels, picked, frames, adapting);
        NDArray clean = m.create(target, new Shape(b, 3, s.size(), s.size()));
        synchronized (Autograd.LOCK) {
          try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            ParamStore.Bound base = d.base.bind(m, !adapting);
            ParamStore.Bound control = adapting ? trainable.bind(m, true) : null;
            NDArray squared = d.predict(base, control, batch).sub(clean).square();
            NDArray mean = squared.mean();
            gc.backward(mean);
            trainable.gradients(adapting ? control : base, grad);
            loss = mean.getFloat();
            if (!adapting && s.reweight()) {
              errors = squared.sum(new int[] {1}).toFloatArray();
            }
          }
        }
      }
      if (!clip(grad) || !Float.isFinite(loss)) {
        continue;
      }
      if (errors != null) {
        for (int i = 0; i < b; i++) {
          float[] map = new float[n];
          System.arraycopy(errors, i * n, map, 0, n);
          d.weights.accumulate(map, picked.get(i).landmarks.get(frames[i]), s.size());
        }
        if ((step + 1) % WEIGHT_UPDATE_EVERY == 0) {
          d.weights.update(step + 1);
        }
      }
      adam.step(grad, rate(s.learningRate(), step, steps));
      running = Double.isNaN(running) ? loss : 0.98 * running + 0.02 * loss;
      after.done(step + 1, running);
      if (monitor != null) {
        monitor.onStep(step + 1, steps, running);
      }
    }
  }

  /**
   * Clips {@code grad} to norm {@link #CLIP_NORM}; false (and {@code grad} left as it is) when it holds a NaN or an
   * infinity, so the caller skips the step instead of poisoning every parameter through Adam's moments.
   */
  private static boolean clip(float[] grad) {
    double norm = 0;
    for (float g : grad) {
      norm += (double) g * g;
    }
    norm = Math.sqrt(norm);
    if (!Double.isFinite(norm)) {
      return false;
    }
    if (norm > CLIP_NORM) {
      float scale = (float) (CLIP_NORM / norm);
      for (int i = 0; i < grad.length; i++) {
        grad[i] *= scale;
      }
    }
    return true;
  }

  /** Linear warm-up, then a cosine decay to a tenth. */
  static float rate(double peak, int step, int steps) {
    if (step < WARMUP) {
      return (float) (peak * (step + 1) / WARMUP);
    }
    double progress = (double) (step - WARMUP) / Math.max(1, steps - WARMUP);
    return (float) (peak * (0.1 + 0.9 * 0.5 * (1 + Math.cos(Math.PI * progress))));
  }
}
