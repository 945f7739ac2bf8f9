package ai.fym.engine.diffusion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.fym.engine.store.BinaryFiles;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An identity's base denoiser: the UNet's parameters, the landmark weights of its re-weighted attention (with
 * their history) and how it was trained. It predicts the clean crop as the conditioning image (the warped
 * keyframe, or the trajectory-warp result) plus the network's correction, so an untrained denoiser returns its
 * conditioning image unchanged. Stored as one {@code .fymd} file, written atomically.
 */
public final class Denoiser {
  private static final int MAGIC = 0x46594d44;
  private static final int VERSION = 1;

  final DenoiserSettings settings;
  final int featureChannels;
  final UNet net;
  final ParamStore base;
  final LandmarkWeights weights;
  int steps;
  double loss = Double.NaN;
  double seconds;

  Denoiser(DenoiserSettings settings, int featureChannels) {
    this.settings = settings;
    this.featureChannels = featureChannels;
    this.net = new UNet(inputChannels(featureChannels), settings.channels());
    this.base = net.declareBase(settings.seed());
    this.weights = new LandmarkWeights(settings.weightRate(), settings.weightMax());
  }

  static int inputChannels(int featureChannels) {
    return 3 + 3 + 1 + featureChannels + LandmarkWeights.GROUPS.length;
  }

  public DenoiserSettings settings() {
    return settings;
  }

  /** Optimiser steps the base denoiser was trained for. */
  public int steps() {
    return steps;
  }

  /** Mean training loss over the last steps (squared error in [-1, 1] units). */
  public double loss() {
    return loss;
  }

  /** Seconds of training. */
  public double trainSeconds() {
    return seconds;
  }

  /** Number of parameters of the base network. */
  public int parameters() {
    return base.values().length;
  }

  /** The landmark weights after each update: the step, then 68 weights. */
  public List<float[]> weightHistory() {
    return List.copyOf(weights.history());
  }

  /** This denoiser under other correction settings (same base settings), sharing nothing mutable. */
  Denoiser withSettings(DenoiserSettings other) {
    Denoiser d = new Denoiser(other, featureChannels);
    d.base.load(base.values());
    d.weights.restore(weights.weights());
    d.weights.restoreHistory(weights.history());
    d.steps = steps;
    d.loss = loss;
    d.seconds = seconds;
    return d;
  }

  /** One batch of crops on a manager: the network input, the conditioning image and, when adapting, the hint. */
  record Batch(NDArray input, NDArray condition, NDArray time, NDArray hint, NDArray[] logWeights) {}

  /**
   * Builds a batch: {@code noisy} the noisy crops, {@code conditions} the conditioning images, {@code levels} the
   * noise levels, and per crop its shot and frame for the other conditions.
   */
  Batch batch(NDManager m, List<float[]> noisy, List<float[]> conditions, float[] levels, List<CropShot> shots,
      int[] frames, boolean withHint) {
    int b = noisy.size();
    int s = settings.size();
    int n = s * s;
    int in = inputChannels(featureChannels);
    float[] input = new float[b * in * n];
    float[] cond = new float[b * 3 * n];
    float[] hint = withHint ? new float[b * 3 * n] : null;
    int low = s / 4;
    int lower = s / 8;
    float[] log1 = new float[b * low * low];
    float[] log2 = new float[b * lower * lower];
    for (int i = 0; i < b; i++) {
      CropShot shot = shots.get(i);
      int t = frames[i];
      int o = i * in * n;
      System.arraycopy(noisy.get(i), 0, input, o, 3 * n);
      System.arraycopy(conditions.get(i), 0, input, o + 3 * n, 3 * n);
      System.arraycopy(shot.confidence.get(t), 0, input, o + 6 * n, n);
      System.arraycopy(shot.features.get(t), 0, input, o + 7 * n, featureChannels * n);
      System.arraycopy(shot.heat.get(t), 0, input, o + (7 + featureChannels) * n, LandmarkWeights.GROUPS.length * n);
      System.arraycopy(conditions.get(i), 0, cond, i * 3 * n, 3 * n);
      if (withHint) {
        System.arraycopy(shot.hint.get(t), 0, hint, i * 3 * n, 3 * n);
      }
      if (settings.reweight()) {
        System.arraycopy(weights.logWeights(shot.landmarks.get(t), s, low), 0, log1, i * low * low, low * low);
        System.arraycopy(weights.logWeights(shot.landmarks.get(t), s, lower), 0, log2, i * lower * lower,
            lower * lower);
      }
    }
    NDArray[] logWeights = settings.reweight()
        ? new NDArray[] {m.create(log1, new Shape(b, 1, low * low)), m.create(log2, new Shape(b, 1, lower * lower))}
        : null;
    return new Batch(m.create(input, new Shape(b, in, s, s)), m.create(cond, new Shape(b, 3, s, s)),
        m.create(Layers.timeFeatures(levels, UNet.TIME_FEATURES), new Shape(b, UNet.TIME_FEATURES)),
        withHint ? m.create(hint, new Shape(b, 3, s, s)) : null, logWeights);
  }

  /** The predicted clean crops: the conditioning image plus the correction, with the ControlNet when given. */
  NDArray predict(ParamStore.Bound baseParams, ParamStore.Bound control, Batch batch) {
    NDArray correction = net.forward(baseParams, batch.input(), batch.time(), control, batch.hint(),
        batch.logWeights());
    return batch.condition().add(correction);
  }

  /** Optimiser state restored from a checkpoint (moments and step), or null. */
  float[][] optimiserState;

  /** Writes this denoiser to {@code path}, atomically. */
  public void save(Path path) throws IOException {
    write(path, null);
  }

  /** Writes this denoiser and, for a checkpoint, the optimiser's state. */
  void write(Path path, float[][] optimiser) throws IOException {
    BinaryFiles.writeAtomically(path, out -> {
      out.writeInt(MAGIC);
      out.writeInt(VERSION);
      out.writeUTF(settings.baseCanonical());
      out.writeInt(featureChannels);
      out.writeInt(steps);
      out.writeDouble(loss);
      out.writeDouble(seconds);
      BinaryFiles.writeFloats(out, base.values());
      BinaryFiles.writeFloats(out, weights.weights());
      out.writeInt(weights.history().size());
      for (float[] row : weights.history()) {
        BinaryFiles.writeFloats(out, row);
      }
      out.writeInt(optimiser == null ? 0 : optimiser.length);
      for (int i = 0; optimiser != null && i < optimiser.length; i++) {
        BinaryFiles.writeFloats(out, optimiser[i]);
      }
    });
  }

  /** Reads a denoiser written by {@link #save}; {@code settings} must match the stored base settings. */
  public static Denoiser load(Path path, DenoiserSettings settings) throws IOException {
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(path), 1 << 20))) {
      if (in.readInt() != MAGIC || in.readInt() != VERSION) {
        throw new IOException("not a denoiser file: " + path);
      }
      String stored = in.readUTF();
      if (!stored.equals(settings.baseCanonical())) {
        throw new IOException("denoiser " + path + " was trained with " + stored + ", not "
            + settings.baseCanonical());
      }
      Denoiser d = new Denoiser(settings, in.readInt());
      d.steps = in.readInt();
      d.loss = in.readDouble();
      d.seconds = in.readDouble();
      d.base.load(BinaryFiles.readFloats(in));
      d.weights.restore(BinaryFiles.readFloats(in));
      int rows = in.readInt();
      List<float[]> history = new ArrayList<>();
      for (int i = 0; i < rows; i++) {
        history.add(BinaryFiles.readFloats(in));
      }
      d.weights.restoreHistory(history);
      int extra = in.readInt();
      if (extra > 0) {
        d.optimiserState = new float[extra][];
        for (int i = 0; i < extra; i++) {
          d.optimiserState[i] = BinaryFiles.readFloats(in);
        }
      }
      return d;
    }
  }
}
