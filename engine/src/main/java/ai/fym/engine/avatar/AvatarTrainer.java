package ai.fym.engine.avatar;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.fym.engine.errors.FymException;
import ai.fym.engine.nn.Autograd;
import ai.fym.engine.splat.ProjectedSplats;
import ai.fym.engine.splat.RenderPass;
import ai.fym.engine.splat.SplatRasterizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * Trains an identity's avatar on its face frames. Each step draws one training frame (from a generator seeded by
 * (seed, step), so a run resumed from a checkpoint continues exactly as an uninterrupted one), renders it from
 * its landmark code, and takes an Adam step on the L1 + D-SSIM loss: the loss gradient is computed here, the
 * rasterizer carries it to the projected splats, and DJL autograd carries it through the projection and the
 * deformation network to every parameter. Densification rounds run every {@code densifyEvery} steps over the
 * first {@link #DENSIFY_UNTIL} of training; checkpoints every {@code checkpointEvery} steps.
 */
public final class AvatarTrainer {
  static final double DENSIFY_UNTIL = 0.6;
  static final boolean DEBUG = System.getenv("FYM_DEBUG") != null;

  /** The trained avatar and how training went ({@code resumedFrom} is 0 unless a checkpoint was used). */
  public record Result(AvatarModel model, int steps, int resumedFrom, double trainSeconds,
      AvatarEvaluation.Scores heldOut) {}

  private AvatarTrainer() {}

  /**
   * Trains on {@code data}; {@code checkpoint} may be null. {@code rasterizers} makes the rasterizer for a thread
   * count (the CPU kernel or the NDArray one).
   */
  public static Result train(AvatarData data, AvatarSettings settings, Path checkpoint, Device device,
      IntFunction<SplatRasterizer> rasterizers) throws IOException, FymException {
    long start = System.nanoTime();
    AvatarModel model = null;
    AvatarOptimiser optimiser = null;
    int step = 0;
    if (checkpoint != null && Files.isRegularFile(checkpoint)) {
      AvatarFile.Loaded loaded = AvatarFile.read(checkpoint);
      if (loaded.settingsHash().equals(settings.hash()) && loaded.optimiser() != null) {
        model = loaded.model();
        optimiser = new AvatarOptimiser(model);
        optimiser.restore(loaded.optimiser());
        step = loaded.step();
      }
    }
    if (model == null) {
      model = initialise(data, settings);
      optimiser = new AvatarOptimiser(model);
    }
    int resumedFrom = step;
    try (NDManager manager = NDManager.newBaseManager(device);
        SplatRasterizer rasterizer = rasterizers.apply(settings.threads())) {
      Densifier densifier = new Densifier(model.gaussianCount());
      PhotometricLoss loss = new PhotometricLoss(settings.resolution(), settings.resolution(), 3);
      float[] dImage = new float[settings.resolution() * settings.resolution() * 3];
      int densifyUntil = (int) (DENSIFY_UNTIL * settings.steps());
      for (; step < settings.steps(); step++) {
        SplittableRandom random = new SplittableRandom(settings.seed() * 1_000_003L + step);
        int frame = data.training()[random.nextInt(data.training().length)];
        Gradients g = step(model, data, frame, rasterizer, manager, loss, (float) settings.ssimWeight(), dImage);
        densifier.accumulate(g.gaussians[0], g.radii);
        optimiser.step(g.gaussians, g.deformation, step / (double) Math.max(1, settings.steps()));
        int done = step + 1;
        if (settings.densifyEvery() > 0 && done % settings.densifyEvery() == 0 && done <= densifyUntil) {
          float splitAbove = 2f * settings.spacing() / settings.resolution();
          int[] sources = densifier.densify(model, settings.maxGaussians(), splitAbove,
              new Random(settings.seed() + done));
          optimiser.remap(model, sources);
        }
        if (checkpoint != null && settings.checkpointEvery() > 0 && done % settings.checkpointEvery() == 0
            && done < settings.steps()) {
          AvatarFile.write(checkpoint, model, settings.hash(), done, optimiser.state());
        }
      }
      AvatarEvaluation.Scores heldOut = AvatarEvaluation.score(model, data, data.heldOut(), rasterizer, manager);
      return new Result(model, settings.steps(), resumedFrom, (System.nanoTime() - start) / 1e9, heldOut);
    }
  }

  /** A fresh avatar: the landmark basis of the training frames and a Gaussian grid coloured by their mean. */
  static AvatarModel initialise(AvatarData data, AvatarSettings settings) {
    int size = settings.resolution();
    float[] mean = new float[size * size * 3];
    for (int f : data.training()) {
      float[] image = data.frames().get(f).image();
      for (int i = 0; i < mean.length; i++) {
        mean[i] += image[i] / data.training().length;
      }
    }
    GaussianSet gaussians = GaussianSet.grid(size, settings.spacing(), mean, settings.seed());
    Deformer deformer = new Deformer(data.faceCode().dims() + FaceCode.POSE_VALUES, settings.hidden());
    return new AvatarModel(size, data.faceCode(), settings.hidden(), gaussians, deformer.initialise(settings.seed()));
  }

  /** Per-parameter gradients of one step, and which Gaussians were drawn. */
  private record Gradients(float[][] gaussians, float[] deformation, float[] radii) {}

  private static Gradients step(AvatarModel model, AvatarData data, int frame, SplatRasterizer rasterizer,
      NDManager parent, PhotometricLoss loss, float ssimWeight, float[] dImage) {
    synchronized (Autograd.LOCK) {
      try (NDManager manager = parent.newSubManager();
          GradientCollector collector = manager.getEngine().newGradientCollector()) {
        AvatarModel.Leaves leaves = model.leaves(manager, true);
        ProjectedSplats splats = model.project(leaves, data.codes()[frame]);
        RenderPass pass = rasterizer.render(splats, AvatarModel.background());
        double lv = loss.evaluate(pass.image(), data.frames().get(frame).image(), ssimWeight, dImage);
        if (DEBUG) { float[] mg = model.gaussians().means; System.err.printf("loss %.4f n %d mean0 %.4f lg %.4f%n", lv, model.gaussianCount(), mg[0], model.gaussians().logScales[0]); }
        collector.backward(pass.surrogate(dImage));
        NDArray[] trainable = leaves.trainable();
        float[][] gaussians = new float[trainable.length - 1][];
        for (int g = 0; g < gaussians.length; g++) {
          gaussians[g] = trainable[g].getGradient().toFloatArray();
        }
        if (DEBUG) {
          for (int g = 0; g < gaussians.length; g++) {
            for (int i = 0; i < gaussians[g].length; i++) {
              if (!Float.isFinite(gaussians[g][i])) {
                int w = ai.fym.engine.avatar.GaussianSet.widths()[g];
                int k = i / w;
                float[] m2 = splats.means2d().toFloatArray(); float[] co = splats.conics().toFloatArray(); float[] dp = splats.depths().toFloatArray();
                System.err.printf("NaN grad group %d gaussian %d radius %.3f m2 %.3f %.3f conic %g %g %g depth %g mean %g %g %g ls %g %g %g%n", g, k, splats.radii()[k], m2[2*k], m2[2*k+1], co[3*k], co[3*k+1], co[3*k+2], dp[k], model.gaussians().means[3*k], model.gaussians().means[3*k+1], model.gaussians().means[3*k+2], model.gaussians().logScales[3*k], model.gaussians().logScales[3*k+1], model.gaussians().logScales[3*k+2]);
                break;
              }
            }
          }
        }
        if (DEBUG) {
          float[] dg = trainable[trainable.length - 1].getGradient().toFloatArray();
          double mx = 0; boolean bad = false; for (float v : dg) { mx = Math.max(mx, Math.abs(v)); bad |= !Float.isFinite(v); }
          double[] gm = new double[gaussians.length]; for (int g = 0; g < gaussians.length; g++) for (float v : gaussians[g]) gm[g] = Math.max(gm[g], Math.abs(v));
          float[] im = pass.image(); boolean badImg = false; for (float v : im) badImg |= !Float.isFinite(v);
          float[] di = dImage; boolean badD = false; for (float v : di) badD |= !Float.isFinite(v);
          System.err.printf("deform grad max %g bad %b img bad %b dimg bad %b gauss max %s frame %d%n", mx, bad, badImg, badD, java.util.Arrays.toString(gm), frame);
        }
        return new Gradients(gaussians, trainable[trainable.length - 1].getGradient().toFloatArray(),
            splats.radii().clone());
      }
    }
  }
}
