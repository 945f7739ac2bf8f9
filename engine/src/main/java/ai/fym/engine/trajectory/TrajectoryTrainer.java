package ai.fym.engine.trajectory;

import ai.djl.Device;
import ai.fym.engine.motion.Flow;
import ai.fym.engine.optim.Adam;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;

/**
 * Trains a shot's trajectory field. Each step samples pixels (frame t, position p) and evaluates the field at
 * them and at their predecessors (p moved by the flow t -> t-1, in frame t-1). Losses, on c = p + displacement:
 * <ul>
 *   <li>photometric: Charbonnier distance between the first frame sampled at c and frame t at p;
 *   <li>flow: Huber distance between c and p + flow(t -> first) where that flow passed its consistency check;
 *   <li>smoothness: Huber distance between c and its predecessor's c, where the short flow is consistent, so a
 *       pixel's trajectory moves with it from frame to frame.
 * </ul>
 * The loss gradient with respect to the decoder's output is computed here, DJL autograd carries it through the
 * decoder to the features, and the encoding's analytic backward scatters it into the tables. Both take Adam
 * steps (lazy for the tables). Levels are switched on coarse to fine over the first {@code annealFraction} of
 * the steps. With a checkpoint path, training resumes from the checkpoint there (if it was written under the
 * same settings) and writes one every {@code checkpointEvery} steps. Each step draws its pixels from a generator
 * seeded by (seed, step), so a run resumed from a checkpoint continues exactly as an uninterrupted one would.
 */
public final class TrajectoryTrainer {
  private static final int FIRST_LEVELS = 4;
  private static final float HUBER_PIXELS = 1f;
  private static final float CHARBONNIER = 0.01f;
  private static final float BETA1 = 0.9f;
  private static final float BETA2 = 0.99f;
  private static final float EPSILON = 1e-10f;

  /** The trained field and how training went; {@code resumedFrom} is 0 unless a checkpoint was used. */
  public record Result(TrajectoryField field, int steps, int resumedFrom, double loss, double trainSeconds) {}

  private TrajectoryTrainer() {}

  /** Trains a field on {@code shot}; {@code checkpoint} may be null. */
  public static Result train(ShotSequence shot, TrajectorySettings settings, Path checkpoint, Device device)
      throws IOException {
    return train(shot, settings, checkpoint, device, step -> { });
  }

  /**
   * {@link #train}, calling {@code afterStep} with the number of steps done after each step (and after that step's
   * checkpoint is written): the stage reports progress through it, and the fault injector fails tasks there.
   */
  public static Result train(ShotSequence shot, TrajectorySettings settings, Path checkpoint, Device device,
      IntConsumer afterStep) throws IOException {
    long start = System.nanoTime();
    TrajectoryField field = null;
    Adam hashAdam = null;
    Adam mlpAdam = null;
    int step = 0;
    if (checkpoint != null && Files.isRegularFile(checkpoint)) {
      FieldFile.Loaded loaded = FieldFile.read(checkpoint, settings.threads(), device);
      if (loaded.field().settings().hash().equals(settings.hash()) && loaded.hashAdam() != null
          && loaded.field().frames() == shot.frames() && loaded.field().width() == shot.width()
          && loaded.field().height() == shot.height()) {
        field = loaded.field();
        step = loaded.step();
        hashAdam = adam(field.hashParams(), true);
        mlpAdam = adam(field.decoder().params(), false);
        try {
          hashAdam.restore(loaded.hashAdam()[0], loaded.hashAdam()[1], (int) loaded.hashAdam()[2][0]);
          mlpAdam.restore(loaded.mlpAdam()[0], loaded.mlpAdam()[1], (int) loaded.mlpAdam()[2][0]);
        } catch (RuntimeException e) {
          field.close();
          throw e;
        }
      } else {
        loaded.field().close();
      }
    }
    if (field == null) {
      field = TrajectoryField.create(settings, shot.width(), shot.height(), shot.frames(), device);
      hashAdam = adam(field.hashParams(), true);
      mlpAdam = adam(field.decoder().params(), false);
    }
    try {
      return optimise(shot, settings, checkpoint, field, hashAdam, mlpAdam, step, start, afterStep);
    } catch (IOException | RuntimeException | Error e) {
      field.close();
      throw e;
    }
  }

  /** Steps from {@code step} to the end, checkpointing on the way; returns the result (the field stays open). */
  private static Result optimise(ShotSequence shot, TrajectorySettings settings, Path checkpoint,
      TrajectoryField field, Adam hashAdam, Adam mlpAdam, int step, long start, IntConsumer afterStep)
      throws IOException {
    int resumedFrom = step;
    Batch batch = new Batch(shot, field, settings);
    float[] hashGrad = new float[field.hashParams().length];
    float[] mlpGrad = new float[field.decoder().params().length];
    double recentLoss = 0;
    int recent = 0;
    int annealSteps = (int) Math.ceil(settings.annealFraction() * settings.steps());
    int levels = settings.grid().levels();
    for (; step < settings.steps(); step++) {
      float progress = annealSteps == 0 ? 1f : Math.min(1f, (float) step / annealSteps);
      field.setActiveLevels(Math.min(levels, FIRST_LEVELS) + progress * Math.max(0, levels - FIRST_LEVELS));
      batch.sample(new SplittableRandom(settings.seed() * 1_000_003L + step));
      float[] features = field.encoding().forward(batch.xyt, batch.points);
      field.applyLevelWeights(features, batch.points);
      float[] dFeatures = field.decoder().backward(features, batch.points, batch::lossGradient, mlpGrad);
      field.applyLevelWeights(dFeatures, batch.points);
      field.encoding().accumulateGradient(batch.xyt, batch.points, dFeatures, hashGrad);
      hashAdam.step(hashGrad, (float) settings.hashLearningRate());
      mlpAdam.step(mlpGrad, (float) settings.mlpLearningRate());
      field.tablesChanged();
      field.decoder().sync();
      if (step >= settings.steps() - 50) {
        recentLoss += batch.loss;
        recent++;
      }
      if (checkpoint != null && settings.checkpointEvery() > 0 && (step + 1) % settings.checkpointEvery() == 0
          && step + 1 < settings.steps()) {
        FieldFile.write(checkpoint, field, step + 1, hashAdam, mlpAdam);
      }
      afterStep.accept(step + 1);
    }
    field.setActiveLevels(levels);
    double loss = recent > 0 ? recentLoss / recent : Double.NaN;
    return new Result(field, step, resumedFrom, loss, (System.nanoTime() - start) / 1e9);
  }

  private static Adam adam(float[] params, boolean lazy) {
    return new Adam(params, BETA1, BETA2, EPSILON, lazy);
  }

  /** One step's sample: points A (pixels of frame t) then points B (their predecessors), and the loss. */
  private static final class Batch {
    final ShotSequence shot;
    final TrajectoryField field;
    final TrajectorySettings settings;
    final int size;
    final int points;
    final float[] xyt;
    final int[] frame;
    final int[] pixel;
    final boolean[] hasPredecessor;
    final float[] predecessor;
    final float unit;
    double loss;

    Batch(ShotSequence shot, TrajectoryField field, TrajectorySettings settings) {
      this.shot = shot;
      this.settings = settings;
      this.size = settings.batch();
      this.points = 2 * size;
      this.xyt = new float[3 * points];
      this.frame = new int[size];
      this.pixel = new int[size];
      this.hasPredecessor = new boolean[size];
      this.predecessor = new float[2 * size];
      this.unit = Math.max(shot.width(), shot.height());
      this.field = field;
    }

    void sample(SplittableRandom random) {
      int w = shot.width();
      int h = shot.height();
      for (int i = 0; i < size; i++) {
        int t = random.nextInt(shot.frames());
        int p = random.nextInt(w * h);
        int x = p % w;
        int y = p / w;
        frame[i] = t;
        pixel[i] = p;
        set(i, x, y, t);
        float qx = x;
        float qy = y;
        int tq = t;
        hasPredecessor[i] = t > 0 && shot.toPreviousValid(t)[p];
        if (hasPredecessor[i]) {
          Flow f = shot.toPrevious(t);
          qx = x + f.dx(x, y);
          qy = y + f.dy(x, y);
          tq = t - 1;
        }
        predecessor[2 * i] = qx;
        predecessor[2 * i + 1] = qy;
        set(size + i, qx, qy, tq);
      }
    }

    private void set(int i, float x, float y, int t) {
      xyt[3 * i] = Math.min(1f, Math.max(0f, (x + 0.5f) / shot.width()));
      xyt[3 * i + 1] = Math.min(1f, Math.max(0f, (y + 0.5f) / shot.height()));
      xyt[3 * i + 2] = field.time(t);
    }

    /** d(loss)/d(decoder output) for the outputs {@code out} (points x 2); also sets {@link #loss}. */
    float[] lossGradient(float[] out) {
      int w = shot.width();
      float[] g = new float[out.length];
      float[] sample = new float[9];
      float photo = (float) settings.photometricWeight() / size;
      float flow = (float) settings.flowWeight() / size;
      float smooth = (float) settings.smoothnessWeight() / size;
      double total = 0;
      for (int i = 0; i < size; i++) {
        int t = frame[i];
        int x = pixel[i] % w;
        int y = pixel[i] / w;
        float cx = x + out[2 * i] * unit;
        float cy = y + out[2 * i + 1] * unit;
        float gx = 0;
        float gy = 0;
        if (Sampling.rgbWithGradient(shot.rgb(0), w, shot.height(), cx, cy, sample)) {
          float[] target = shot.rgb(t);
          for (int c = 0; c < 3; c++) {
            float r = (sample[c] - target[3 * pixel[i] + c]) / 255f;
            float root = (float) Math.sqrt(r * r + CHARBONNIER * CHARBONNIER);
            total += photo * (root - CHARBONNIER);
            gx += photo * r / root * sample[3 + c] / 255f;
            gy += photo * r / root * sample[6 + c] / 255f;
          }
        }
        if (shot.toFirstValid(t)[pixel[i]]) {
          Flow f = shot.toFirst(t);
          float ex = cx - (x + f.dx(x, y));
          float ey = cy - (y + f.dy(x, y));
          total += flow * (huber(ex) + huber(ey));
          gx += flow * huberGradient(ex);
          gy += flow * huberGradient(ey);
        }
        if (hasPredecessor[i]) {
          int j = size + i;
          float px = predecessor[2 * i] + out[2 * j] * unit;
          float py = predecessor[2 * i + 1] + out[2 * j + 1] * unit;
          float ex = cx - px;
          float ey = cy - py;
          total += smooth * (huber(ex) + huber(ey));
          float sx = smooth * huberGradient(ex);
          float sy = smooth * huberGradient(ey);
          gx += sx;
          gy += sy;
          g[2 * j] -= sx * unit;
          g[2 * j + 1] -= sy * unit;
        }
        g[2 * i] += gx * unit;
        g[2 * i + 1] += gy * unit;
      }
      loss = total;
      return g;
    }

    private static float huber(float e) {
      float a = Math.abs(e);
      return a <= HUBER_PIXELS ? 0.5f * e * e : HUBER_PIXELS * (a - 0.5f * HUBER_PIXELS);
    }

    private static float huberGradient(float e) {
      return Math.max(-HUBER_PIXELS, Math.min(HUBER_PIXELS, e));
    }
  }
}
