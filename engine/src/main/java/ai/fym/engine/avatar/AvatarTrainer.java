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
  /**
   * A step whose gradient reaches this (or is not finite) is skipped: the loss gradient per pixel is below 1e-3,
   * so such values only come from numerical breakdown, and one of them would ruin the Adam moments.
   */
  static final float MAX_GRADIENT = 1e3f;

  /** The trained avatar and how training went ({@code resumedFrom} is 0 unless a checkpoint was used). */
  public record Result(AvatarModel model, int steps, int resumedFrom, int skippedSteps, double trainSeconds,
      AvatarEvaluation.Scores heldOut) {}

  /** Looks at the avatar while it trains (benchmarks measure held-out quality against time this way). */
  public interface Monitor {
    /** Called after step {@code step} (1-based) with the trainer's rasterizer and NDManager. */
    void after(int step, AvatarModel model, SplatRasterizer rasterizer, NDManager manager);
  }

  private AvatarTrainer() {}

  /** As {@link #train(AvatarData, AvatarSettings, Path, Device, IntFunction, Monitor)} without a monitor. */
  public static Result train(AvatarData data, AvatarSettings settings, Path checkpoint, Device device,
      IntFunction<SplatRasterizer> rasterizers) throws IOException, FymException {
    return train(data, settings, checkpoint, device, rasterizers, null);
  }

  /**
   * Trains on {@code data}; {@code checkpoint} may be null. {@code rasterizers} makes the rasterizer for a thread
   * count (the CPU kernel or the NDArray one); {@code monitor} may be null.
   */
  public static Result train(AvatarData data, AvatarSettings settings, Path checkpoint, Device device,
      IntFunction<SplatRasterizer> rasterizers, Monitor monitor) throws IOException, FymException {
    long start = System.nanoTime();
    AvatarModel model = null;
    AvatarOptimiser optimiser = null;
    int step = 0;
    float[][] densifierState = null;
    if (checkpoint != null && Files.isRegularFile(checkpoint)) {
      AvatarFile.Loaded loaded = AvatarFile.read(checkpoint);
      if (loaded.settingsHash().equals(settings.hash()) && loaded.optimiser() != null) {
        model = loaded.model();
        optimiser = new AvatarOptimiser(model);
        optimiser.restore(loaded.optimiser());
        step = loaded.step();
        densifierState = loaded.densifier();
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
      if (densifierState != null) {
        densifier.restore(densifierState);
      }
      PhotometricLoss loss = new PhotometricLoss(settings.resolution(), settings.resolution(), 3);
      float[] dImage = new float[settings.resolution() * settings.resolution() * 3];
      int densifyUntil = (int) (DENSIFY_UNTIL * settings.steps());
      int skipped = 0;
      for (; step < settings.steps(); step++) {
        SplittableRandom random = new SplittableRandom(settings.seed() * 1_000_003L + step);
        int frame = data.training()[random.nextInt(data.training().length)];
        Gradients g = step(model, data, frame, rasterizer, manager, loss, (float) settings.ssimWeight(), dImage);
        if (g.sane()) {
          densifier.accumulate(g.gaussians[0], g.radii);
          optimiser.step(g.gaussians, g.deformation, step / (double) Math.max(1, settings.steps()));
        } else {
          skipped++;
        }
        int done = step + 1;
        if (monitor != null) {
          monitor.after(done, model, rasterizer, manager);
        }
        if (settings.densifyEvery() > 0 && done % settings.densifyEvery() == 0 && done <= densifyUntil) {
          float splitAbove = 2f * settings.spacing() / settings.resolution();
          int[] sources = densifier.densify(model, settings.maxGaussians(), splitAbove,
              new Random(settings.seed() + done));
          optimiser.remap(model, sources);
        }
        if (checkpoint != null && settings.checkpointEvery() > 0 && done % settings.checkpointEvery() == 0
            && done < settings.steps()) {
          AvatarFile.write(checkpoint, model, settings.hash(), done, optimiser.state(), densifier.state());
        }
      }
      AvatarEvaluation.Scores heldOut = AvatarEvaluation.score(model, data, data.heldOut(), rasterizer, manager);
      return new Result(model, settings.steps(), resumedFrom, skipped, (System.nanoTime() - start) / 1e9,
          heldOut);
    }
  }

  /**
   * A fresh avatar: the landmark basis of the training frames and a Gaussian grid coloured by their mean in the
   * mean face's frame (each frame sampled where its pose carries the canonical pixel).
   */
  static AvatarModel initialise(AvatarData data, AvatarSettings settings) {
    int size = settings.resolution();
    float[] mean = new float[size * size * 3];
    for (int f : data.training()) {
      FaceCode.Pose pose = data.codes()[f].pose();
      float[] image = data.frames().get(f).image();
      float cos = (float) (pose.scale() * Math.cos(pose.angle()));
      float sin = (float) (pose.scale() * Math.sin(pose.angle()));
      for (int y = 0; y < size; y++) {
        for (int x = 0; x < size; x++) {
          float u = cos * (x + 0.5f) - sin * (y + 0.5f) + pose.tx() - 0.5f;
          float v = sin * (x + 0.5f) + cos * (y + 0.5f) + pose.ty() - 0.5f;
          int o = (y * size + x) * 3;
          for (int c = 0; c < 3; c++) {
            mean[o + c] += bilinear(image, size, u, v, c) / data.training().length;
          }
        }
      }
    }
    GaussianSet gaussians = GaussianSet.grid(size, settings.spacing(), mean, settings.seed());
    Deformer deformer = new Deformer(data.faceCode().dims() + FaceCode.POSE_VALUES, settings.hidden());
    return new AvatarModel(size, data.faceCode(), settings.hidden(), gaussians, deformer.initialise(settings.seed()));
  }

  /** Channel {@code c} of a square RGB image at (u, v) (pixel-centre coordinates), edges clamped. */
  private static float bilinear(float[] image, int size, float u, float v, int c) {
    float x = Math.min(size - 1, Math.max(0, u));
    float y = Math.min(size - 1, Math.max(0, v));
    int x0 = Math.min(size - 2, (int) x);
    int y0 = Math.min(size - 2, (int) y);
    float fx = x - x0;
    float fy = y - y0;
    float top = image[(y0 * size + x0) * 3 + c] * (1 - fx) + image[(y0 * size + x0 + 1) * 3 + c] * fx;
    float bottom = image[((y0 + 1) * size + x0) * 3 + c] * (1 - fx) + image[((y0 + 1) * size + x0 + 1) * 3 + c] * fx;
    return top * (1 - fy) + bottom * fy;
  }

  /** Per-parameter gradients of one step, and which Gaussians were drawn. */
  private record Gradients(float[][] gaussians, float[] deformation, float[] radii) {
    /** Whether every gradient is finite and below {@link #MAX_GRADIENT} (else the step is skipped). */
    boolean sane() {
      for (float[] group : gaussians) {
        if (!bounded(group)) {
          return false;
        }
      }
      return bounded(deformation);
    }

    private static boolean bounded(float[] values) {
      for (float v : values) {
        if (!(Math.abs(v) < MAX_GRADIENT)) {
          return false;
        }
      }
      return true;
    }
  }

  private static Gradients step(AvatarModel model, AvatarData data, int frame, SplatRasterizer rasterizer,
      NDManager parent, PhotometricLoss loss, float ssimWeight, float[] dImage) {
    synchronized (Autograd.LOCK) {
      try (NDManager manager = parent.newSubManager();
          GradientCollector collector = manager.getEngine().newGradientCollector()) {
        AvatarModel.Leaves leaves = model.leaves(manager, true);
        ProjectedSplats splats = model.project(leaves, data.codes()[frame]);
        RenderPass pass = rasterizer.render(splats, AvatarModel.background());
        loss.evaluate(pass.image(), data.frames().get(frame).image(), ssimWeight, dImage);
        collector.backward(pass.surrogate(dImage));
        NDArray[] trainable = leaves.trainable();
        float[][] gaussians = new float[trainable.length - 1][];
        for (int g = 0; g < gaussians.length; g++) {
          gaussians[g] = trainable[g].getGradient().toFloatArray();
        }
        return new Gradients(gaussians, trainable[trainable.length - 1].getGradient().toFloatArray(),
            splats.radii().clone());
      }
    }
  }
}
