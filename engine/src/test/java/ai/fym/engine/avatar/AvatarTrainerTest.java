package ai.fym.engine.avatar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.fym.engine.splat.TileRasterizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AvatarTrainerTest {
  private static final int SIZE = 32;

  @Test
  void trainingImprovesTheHeldOutReconstruction() throws Exception {
    List<AvatarFrame> frames = frames(20);
    AvatarSettings settings = new AvatarSettings(SIZE, 2, 2000, 150, 4, 16, 5, 0.2, 1, 50, 0, 3, 2);
    AvatarData data = AvatarData.of(frames, settings);
    double before;
    try (NDManager manager = NDManager.newBaseManager(Device.cpu()); TileRasterizer r = new TileRasterizer(2)) {
      before = AvatarEvaluation.score(AvatarTrainer.initialise(data, settings), data, data.heldOut(), r, manager)
          .psnr();
    }
    AvatarTrainer.Result result = AvatarTrainer.train(data, settings, null, Device.cpu(), TileRasterizer::new);
    System.out.printf("held-out PSNR %.2f -> %.2f dB%n", before, result.heldOut().psnr());
    assertTrue(result.heldOut().psnr() > before + 3, before + " -> " + result.heldOut().psnr());
  }

  @Test
  void aRunResumedFromItsCheckpointEndsWhereAnUninterruptedRunEnds(@TempDir Path dir) throws Exception {
    AvatarSettings settings = new AvatarSettings(SIZE, 4, 500, 40, 3, 8, 5, 0.2, 1, 0, 20, 3, 1);
    AvatarData data = AvatarData.of(frames(12), settings);
    Path checkpoint = dir.resolve("avatar.ckpt");
    AvatarTrainer.Result straight = AvatarTrainer.train(data, settings, checkpoint, Device.cpu(),
        TileRasterizer::new);
    // The run wrote a checkpoint at step 20; as if killed there, train again from that checkpoint.
    assertEquals(20, AvatarFile.read(checkpoint).step());
    AvatarTrainer.Result resumed = AvatarTrainer.train(data, settings, checkpoint, Device.cpu(), TileRasterizer::new);
    assertEquals(20, resumed.resumedFrom());
    // Equal up to float rounding (DJL's reductions may sum in another order after other allocations), which the
    // later steps amplify a little; a resume that lost any state (Adam moments restarting at zero move every
    // parameter by a whole learning rate, 6.4e-3 for means, on the first step) would be off by far more.
    assertArrayEquals(straight.model().gaussians().means, resumed.model().gaussians().means, 1e-3f);
    assertArrayEquals(straight.model().gaussians().sh, resumed.model().gaussians().sh, 1e-2f);
    assertArrayEquals(straight.model().deformation(), resumed.model().deformation(), 1e-2f);
  }

  @Test
  void aStoredAvatarRendersExactlyAsTheTrainedOne(@TempDir Path dir) throws Exception {
    AvatarSettings settings = new AvatarSettings(SIZE, 4, 500, 10, 3, 8, 5, 0.2, 1, 0, 0, 3, 1);
    AvatarData data = AvatarData.of(frames(12), settings);
    AvatarModel model = AvatarTrainer.train(data, settings, null, Device.cpu(), TileRasterizer::new).model();
    Path file = dir.resolve("avatar.fyma");
    AvatarFile.write(file, model, settings.hash());
    AvatarFile.Loaded loaded = AvatarFile.read(file);
    assertEquals(settings.hash(), loaded.settingsHash());
    try (NDManager manager = NDManager.newBaseManager(Device.cpu()); TileRasterizer r = new TileRasterizer(1)) {
      assertArrayEquals(model.render(data.codes()[3], r, manager), loaded.model().render(data.codes()[3], r, manager));
    }
  }

  /** A bright disk moving right over a gradient background, with landmarks that follow it. */
  static List<AvatarFrame> frames(int count) {
    Random random = new Random(5);
    List<AvatarFrame> frames = new ArrayList<>();
    for (int t = 0; t < count; t++) {
      float cx = 12 + 8f * t / count;
      float cy = 16;
      float[] image = new float[SIZE * SIZE * 3];
      for (int y = 0; y < SIZE; y++) {
        for (int x = 0; x < SIZE; x++) {
          boolean inside = Math.hypot(x + 0.5 - cx, y + 0.5 - cy) < 6;
          int o = (y * SIZE + x) * 3;
          image[o] = inside ? 0.9f : 0.2f + 0.5f * x / SIZE;
          image[o + 1] = inside ? 0.7f : 0.3f;
          image[o + 2] = inside ? 0.2f : 0.2f + 0.5f * y / SIZE;
        }
      }
      float[] landmarks = new float[136];
      for (int k = 0; k < 68; k++) {
        double angle = 2 * Math.PI * k / 68;
        landmarks[2 * k] = (float) (cx + 6 * Math.cos(angle) + 0.05 * random.nextGaussian());
        landmarks[2 * k + 1] = (float) (cy + 6 * Math.sin(angle) * (1 + 0.1 * Math.sin(t)) + 0.05 * random.nextGaussian());
      }
      frames.add(new AvatarFrame("clip", 0, t, image, landmarks));
    }
    return frames;
  }
}
