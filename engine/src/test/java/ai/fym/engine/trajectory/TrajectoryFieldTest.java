package ai.fym.engine.trajectory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TrajectoryFieldTest {
  private static final int N = 50;

  @Test
  void featuresHoldEveryLevelPerPoint() {
    TrajectorySettings settings = TinyShot.settings(10, 0);
    try (TrajectoryField field = TrajectoryField.create(settings, 40, 30, 5, Device.cpu())) {
      float[] xyt = FieldFileTest.points(N, new Random(3));
      float[] features = field.features(xyt, N);
      assertEquals(8 * 2, field.featureSize());
      assertEquals(N * field.featureSize(), features.length);
      assertArrayEquals(field.encoding().forward(xyt, N), features);
    }
  }

  @Test
  void annealedLevelsAreScaledAndSwitchedOff() {
    TrajectorySettings settings = TinyShot.settings(10, 0);
    try (TrajectoryField field = TrajectoryField.create(settings, 40, 30, 5, Device.cpu())) {
      float[] xyt = FieldFileTest.points(N, new Random(4));
      float[] raw = field.encoding().forward(xyt, N);
      field.setActiveLevels(2.25f);
      float[] features = field.features(xyt, N);
      int stride = field.featureSize();
      for (int p = 0; p < N; p++) {
        for (int l = 0; l < 8; l++) {
          float weight = l < 2 ? 1f : l == 2 ? 0.25f : 0f;
          for (int k = 0; k < 2; k++) {
            int i = p * stride + l * 2 + k;
            assertEquals(weight * raw[i], features[i], 1e-9f, "point " + p + " level " + l);
          }
        }
      }
    }
  }

  @Test
  void aTrainedFieldHasEveryLevelOnAndMovesTheFirstFrameNowhere() throws Exception {
    ShotSequence shot = ShotSequence.of(TinyShot.translating(6), 48);
    try (TrajectoryField field = TrajectoryTrainer.train(shot, TinyShot.settings(60, 0), null, Device.cpu())
        .field()) {
      float[] xyt = FieldFileTest.points(N, new Random(5));
      assertArrayEquals(field.encoding().forward(xyt, N), field.features(xyt, N));
      float[] start = field.toFirst(0, TinyShot.WIDTH, TinyShot.HEIGHT);
      double drift = 0;
      for (int y = 0, i = 0; y < TinyShot.HEIGHT; y++) {
        for (int x = 0; x < TinyShot.WIDTH; x++, i++) {
          drift += Math.hypot(start[2 * i] - x, start[2 * i + 1] - y);
        }
      }
      drift /= TinyShot.WIDTH * TinyShot.HEIGHT;
      System.out.printf("frame 0 -> frame 0 mean drift after 60 steps: %.3f px%n", drift);
      assertEquals(0, drift, 0.5);
    }
  }
}
