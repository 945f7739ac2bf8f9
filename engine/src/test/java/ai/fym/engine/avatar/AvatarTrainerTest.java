package ai.fym.engine.avatar;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.fym.engine.splat.TileRasterizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

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
