package ai.fym.engine.diffusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.fym.engine.diffusion.DiffusionCorrection.ShotInput;
import ai.fym.engine.geom.Box;
import ai.fym.engine.hashgrid.HashGridConfig;
import ai.fym.engine.image.RgbImage;
import ai.fym.engine.trajectory.ShotSequence;
import ai.fym.engine.trajectory.TrajectoryField;
import ai.fym.engine.trajectory.TrajectorySettings;
import ai.fym.engine.trajectory.TrajectoryTrainer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two training stages and sampling on a tiny synthetic shot (a gliding, brightening pattern, so the warped
 * keyframe is not frame t and the base denoiser has something to learn; a brightening edit).
 */
class DiffusionCorrectionTest {
  private static final int W = 48;
  private static final int H = 40;
  private static final int FRAMES = 8;

  private static List<RgbImage> sources;
  private static TrajectoryField field;

  @BeforeAll
  static void shot() throws IOException {
    sources = gliding(FRAMES);
    TrajectorySettings ts = new TrajectorySettings(new HashGridConfig(8, 2, 12, 4, 1.5), 16, 2, 48, 60, 256, 0.01,
        0.003, 0.5, 1, 1, 1, 0, 7, 2);
    field = TrajectoryTrainer.train(ShotSequence.of(sources, ts.workingSize()), ts, null, Device.cpu()).field();
  }

  @AfterAll
  static void close() {
    field.close();
  }

  static DenoiserSettings tiny(int baseSteps, int adaptSteps) {
    return new DenoiserSettings(16, 8, baseSteps, adaptSteps, 2, 2e-3, 0.5, 2, 2, 0.2, 4, true, true, true, 3);
  }

  private static ShotInput input() {
    return new ShotInput(sources, Collections.nCopies(FRAMES, new Box(8, 6, 30, 28)), field);
  }

  @Test
  void anUntrainedDenoiserReturnsTheTrajectoryWarpResultExactly() throws IOException {
    Denoiser base = DiffusionCorrection.trainBase(List.of(input()), tiny(0, 0), null, null, 0, null);
    List<RgbImage> edits = brighten(sources, 20);
    List<RgbImage> out = DiffusionCorrection.correct(base, tiny(0, 0), input(), edits, edits, null, null);
    for (int t = 0; t < FRAMES; t++) {
      assertArrayEquals(edits.get(t).rgb(), out.get(t).rgb(), "frame " + t);
    }
  }

  @Test
  void baseTrainingLowersTheLossAndTheAdaptedBranchChangesOnlyTheFaceWindow() throws IOException {
    List<Double> losses = new ArrayList<>();
    Denoiser base = DiffusionCorrection.trainBase(List.of(input()), tiny(150, 0), null, null, 0,
        (step, steps, loss) -> losses.add(loss));
    assertEquals(150, losses.size());
    assertTrue(losses.get(149) < 0.8 * losses.get(9), "loss " + losses.get(9) + " -> " + losses.get(149));
    List<RgbImage> edits = brighten(sources, 30);
    List<RgbImage> warp = brighten(sources, 20);
    List<RgbImage> out = DiffusionCorrection.correct(base, tiny(150, 40), input(), edits, warp, null, null);
    Box window = CropShot.window(input().faceBoxes(), W, H, DiffusionCorrection.WINDOW_SCALE);
    boolean changed = false;
    for (int t = 0; t < FRAMES; t++) {
      for (int y = 0; y < H; y++) {
        for (int x = 0; x < W; x++) {
          boolean inside = x + 1 > window.x() && x < window.x() + window.width() && y + 1 > window.y()
              && y < window.y() + window.height();
          for (int c = 0; c < 3; c++) {
            int o = out.get(t).get(x, y, c);
            int w = warp.get(t).get(x, y, c);
            if (!inside) {
              assertEquals(w, o, "outside the window at " + x + "," + y);
            }
            changed |= o != w;
          }
        }
      }
    }
    assertTrue(changed, "the adapted denoiser changes the face window");
  }

  @Test
  void aCheckpointResumesWhereItStoppedAndTheFileRoundTrips(@TempDir Path dir) throws IOException {
    Path checkpoint = dir.resolve("base.ckpt");
    DiffusionCorrection.trainBase(List.of(input()), tiny(6, 0), null, checkpoint, 3, null);
    List<Integer> steps = new ArrayList<>();
    Denoiser partial = DiffusionCorrection.trainBase(List.of(input()), tiny(6, 0), null, checkpoint, 3,
        (step, of, loss) -> steps.add(step));
    assertEquals(List.of(4, 5, 6), steps, "resumed after the checkpoint at step 3");
    Path file = dir.resolve("base.fymd");
    partial.save(file);
    Denoiser loaded = Denoiser.load(file, tiny(6, 0));
    assertArrayEquals(partial.base.values(), loaded.base.values());
    assertEquals(partial.steps(), loaded.steps());
    assertThrows(IOException.class, () -> Denoiser.load(file, tiny(7, 0)));
  }

  @Test
  void sharedNoiseAndDeterministicSamplingGiveTheSameOutputTwice() throws IOException {
    Denoiser base = DiffusionCorrection.trainBase(List.of(input()), tiny(20, 0), null, null, 0, null);
    List<RgbImage> edits = brighten(sources, 25);
    List<RgbImage> a = DiffusionCorrection.correct(base, tiny(20, 0), input(), edits, edits, null, null);
    List<RgbImage> b = DiffusionCorrection.correct(base, tiny(20, 0), input(), edits, edits, null, null);
    for (int t = 0; t < FRAMES; t++) {
      assertArrayEquals(a.get(t).rgb(), b.get(t).rgb());
    }
  }

  @Test
  void theGateKeepsAChangeTowardsTheEditAndDropsOneAwayFromIt() {
    CropShot crop = CropShot.prepare(sources, null, new Box(8, 6, 30, 28), field, 16, true);
    crop.addEdit(brighten(sources, 30), brighten(sources, 10), 2);
    int n = 16 * 16;
    List<float[]> towards = new ArrayList<>();
    List<float[]> away = new ArrayList<>();
    for (int t = 0; t < FRAMES; t++) {
      float[] up = new float[3 * n];
      java.util.Arrays.fill(up, 0.05f);
      towards.add(up);
      float[] down = new float[3 * n];
      java.util.Arrays.fill(down, -0.05f);
      away.add(down);
    }
    float[] keep = DiffusionCorrection.gate(towards, crop, 16);
    float[] drop = DiffusionCorrection.gate(away, crop, 16);
    int kept = 0;
    for (int p = 0; p < n; p++) {
      kept += keep[p] > 0.9f ? 1 : 0;
      assertEquals(0f, drop[p], "away from the edit at " + p);
    }
    assertTrue(kept > 0.9 * n, "kept towards the edit (not where the brightening saturates): " + kept + " of " + n);
  }

  @Test
  void aShotWithANonFiniteChangeKeepsItsTrajectoryWarpFrames() {
    List<float[]> finite = new ArrayList<>(List.of(new float[] {0.1f, -0.2f}, new float[] {0.3f, 0f}));
    DiffusionCorrection.dropIfNotFinite(finite);
    assertEquals(0.3f, finite.get(1)[0], "finite changes are kept");
    List<float[]> diverged = new ArrayList<>(List.of(new float[] {0.1f, -0.2f}, new float[] {Float.NaN, 0.5f}));
    DiffusionCorrection.dropIfNotFinite(diverged);
    for (float[] delta : diverged) {
      for (float v : delta) {
        assertEquals(0f, v, "every frame's change is dropped, not only the bad one's");
      }
    }
  }

  static List<RgbImage> brighten(List<RgbImage> frames, int amount) {
    List<RgbImage> out = new ArrayList<>();
    for (RgbImage f : frames) {
      byte[] rgb = f.rgb().clone();
      for (int i = 0; i < rgb.length; i++) {
        rgb[i] = (byte) Math.min(255, (rgb[i] & 0xff) + amount);
      }
      out.add(new RgbImage(f.width(), f.height(), rgb));
    }
    return out;
  }

  /** Random colour blobs gliding one pixel left per frame and brightening by 6 levels per frame. */
  static List<RgbImage> gliding(int frames) {
    Random random = new Random(11);
    double[][] blobs = new double[50][];
    for (int k = 0; k < blobs.length; k++) {
      blobs[k] = new double[] {-10 + (W + 20) * random.nextDouble(), -10 + (H + 20) * random.nextDouble(),
          2 + 3 * random.nextDouble(), 200 * random.nextDouble() - 100, 200 * random.nextDouble() - 100,
          200 * random.nextDouble() - 100};
    }
    List<RgbImage> out = new ArrayList<>();
    for (int t = 0; t < frames; t++) {
      byte[] rgb = new byte[3 * W * H];
      for (int y = 0, i = 0; y < H; y++) {
        for (int x = 0; x < W; x++, i++) {
          double[] c = {100 + 6 * t, 100 + 6 * t, 100 + 6 * t};
          for (double[] b : blobs) {
            double du = x + t - b[0];
            double dv = y - b[1];
            double weight = Math.exp(-(du * du + dv * dv) / (2 * b[2] * b[2]));
            for (int k = 0; k < 3; k++) {
              c[k] += weight * b[3 + k];
            }
          }
          for (int k = 0; k < 3; k++) {
            rgb[3 * i + k] = (byte) Math.max(0, Math.min(255, Math.round(c[k])));
          }
        }
      }
      out.add(new RgbImage(W, H, rgb));
    }
    return out;
  }
}
