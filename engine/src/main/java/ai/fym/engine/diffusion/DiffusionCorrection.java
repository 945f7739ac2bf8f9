package ai.fym.engine.diffusion;

import ai.fym.engine.geom.Box;
import ai.fym.engine.image.RgbImage;
import ai.fym.engine.landmarks.LandmarkNet;
import ai.fym.engine.trajectory.TrajectoryField;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The consistency correction's entry points. {@link #trainBase} is stage 1: an identity's base denoiser from its
 * shots (source frames, main face boxes, trajectory fields). {@link #correct} corrects one edited shot: the
 * trajectory-warp result is cropped around the face, a ControlNet branch is adapted to the shot's edit (unless
 * switched off), the crops are sampled from the noised trajectory-warp crops, and the difference the denoiser
 * made, kept as far as it moves the shot towards the edit's look ({@link #gate}), is pasted back into the full
 * trajectory-warp frames under a feathered mask: outside the face window, and wherever the denoiser changes
 * nothing, the output is exactly {@code trajectory-warp}.
 */
public final class DiffusionCorrection {
  /** The face window is this many times the union of the shot's face boxes. */
  static final float WINDOW_SCALE = 1.5f;
  /** The pasted correction fades out over this fraction of the window on every side. */
  static final float FEATHER = 0.15f;

  /** One shot of training or correction input: source frames, main face box per frame (null: none), its field. */
  public record ShotInput(List<RgbImage> sources, List<Box> faceBoxes, TrajectoryField field) {}

  /** Progress of a training stage: the step, of how many, and the running loss. */
  @FunctionalInterface
  public interface Progress {
    void onStep(int step, int steps, double loss);
  }

  private DiffusionCorrection() {}

  /**
   * Stage 1: trains the base denoiser of one identity on {@code shots} (at least one with two frames), resuming
   * from {@code checkpoint} (may be null) and writing it every {@code checkpointEvery} steps.
   */
  public static Denoiser trainBase(List<ShotInput> shots, DenoiserSettings settings, LandmarkNet landmarks,
      Path checkpoint, int checkpointEvery, Progress progress) throws IOException {
    List<CropShot> crops = new ArrayList<>();
    for (ShotInput shot : shots) {
      if (shot.sources().size() > 1) {
        crops.add(crop(shot, settings, landmarks));
      }
    }
    if (crops.isEmpty()) {
      throw new IllegalArgumentException("no shot with two frames or more to train a denoiser on");
    }
    return DenoiserTrainer.trainBase(crops, settings, checkpoint, checkpointEvery, progress);
  }

  /**
   * Corrects one shot: {@code edits} the per-frame edits, {@code warpResults} the trajectory-warp result of the
   * same shot; {@code settings} must share {@code base}'s base settings (its control switch and strength apply).
   */
  public static List<RgbImage> correct(Denoiser base, DenoiserSettings settings, ShotInput shot,
      List<RgbImage> edits, List<RgbImage> warpResults, LandmarkNet landmarks, Progress progress)
      throws IOException {
    if (!settings.baseCanonical().equals(base.settings.baseCanonical())) {
      throw new IllegalArgumentException("the denoiser was trained with " + base.settings.baseCanonical()
          + ", not " + settings.baseCanonical());
    }
    Denoiser d = base.settings.equals(settings) ? base : base.withSettings(settings);
    CropShot crop = crop(shot, settings, landmarks);
    crop.addEdit(edits, warpResults, settings.hintWindow());
    ParamStore control = settings.control() && settings.adaptSteps() > 0
        ? DenoiserTrainer.adapt(d, List.of(crop), progress) : null;
    List<float[]> deltas = Sampler.sample(d, control, crop);
    for (int t = 0; t < deltas.size(); t++) {
      float[] delta = deltas.get(t);
      float[] warp = crop.trajectoryWarp.get(t);
      for (int i = 0; i < delta.length; i++) {
        delta[i] -= warp[i];
      }
    }
    dropIfNotFinite(deltas);
    float[] gate = gate(deltas, crop, settings.size());
    List<RgbImage> out = new ArrayList<>(deltas.size());
    for (int t = 0; t < deltas.size(); t++) {
      float[] delta = deltas.get(t);
      int n = settings.size() * settings.size();
      for (int i = 0; i < delta.length; i++) {
        delta[i] *= gate[i % n];
      }
      out.add(Crops.paste(warpResults.get(t), delta, crop.window, settings.size(), FEATHER));
    }
    return out;
  }

  /**
   * Zeroes every change of the shot when any value is NaN or infinite (a denoiser that diverged): the shot then
   * keeps its trajectory-warp frames instead of a black face window. All or nothing, so no frame flickers out.
   */
  static void dropIfNotFinite(List<float[]> deltas) {
    for (float[] delta : deltas) {
      for (float v : delta) {
        if (!Float.isFinite(v)) {
          deltas.forEach(d -> Arrays.fill(d, 0f));
          return;
        }
      }
    }
  }

  /**
   * The edit-consistency gate, one map per shot (so it adds no flicker): per crop pixel, the least-squares share
   * in [0, 1] of the sampled change that moves the low-passed trajectory-warp crop towards the low-passed edit
   * hint (the edit's look averaged over neighbouring frames), over all frames of the shot. A change that pulls
   * away from the edit (a base denoiser trained on unedited frames drifting back to the source's colours) is
   * dropped; one towards it is kept.
   */
  static float[] gate(List<float[]> deltas, CropShot crop, int size) {
    int n = size * size;
    double[] along = new double[n];
    double[] power = new double[n];
    for (int t = 0; t < deltas.size(); t++) {
      float[] d = Crops.lowPass(deltas.get(t), size, 4);
      float[] warp = Crops.lowPass(crop.trajectoryWarp.get(t), size, 4);
      float[] hint = crop.hint.get(t);
      for (int i = 0; i < d.length; i++) {
        along[i % n] += d[i] * (hint[i] - warp[i]);
        power[i % n] += d[i] * d[i];
      }
    }
    float[] gate = new float[n];
    for (int p = 0; p < n; p++) {
      gate[p] = power[p] > 1e-12 ? (float) Math.max(0, Math.min(1, along[p] / power[p])) : 0f;
    }
    return gate;
  }

  private static CropShot crop(ShotInput shot, DenoiserSettings settings, LandmarkNet landmarks) {
    RgbImage first = shot.sources().get(0);
    Box window = CropShot.window(shot.faceBoxes(), first.width(), first.height(), WINDOW_SCALE);
    List<float[]> points = new ArrayList<>(shot.sources().size());
    for (int t = 0; t < shot.sources().size(); t++) {
      Box box = shot.faceBoxes().get(t);
      points.add(box == null || landmarks == null ? null : landmarks.detect(shot.sources().get(t), box).xy());
    }
    return CropShot.prepare(shot.sources(), points, window, shot.field(), settings.size(),
        settings.hashFeatures());
  }
}
