package ai.fym.engine.trajectory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.fym.engine.config.FymConfig;
import ai.fym.engine.image.RgbImage;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Known answers of the photometric error: whatever the field, a flat shot scores its brightness change. */
class FieldQualityTest {
  @Test
  void aFlatShotScoresItsMeanBrightnessChange() throws Exception {
    TrajectorySettings settings = FymConfig.defaults().with(FymConfig.TRAJECTORY_LOG2_TABLE, "10")
        .with(FymConfig.TRAJECTORY_WORKING_SIZE, "16").trajectorySettings().withSteps(0);
    ShotSequence still = ShotSequence.of(List.of(flat(100), flat(100), flat(100)), settings.workingSize());
    try (TrajectoryField field = TrajectoryTrainer.train(still, settings, null, Device.cpu()).field()) {
      assertEquals(0.0, FieldQuality.photometricError(field, still), 1e-4);
    }
    ShotSequence brighter = ShotSequence.of(List.of(flat(100), flat(110)), settings.workingSize());
    try (TrajectoryField field = TrajectoryTrainer.train(brighter, settings, null, Device.cpu()).field()) {
      assertEquals(5.0, FieldQuality.photometricError(field, brighter), 1e-3, "frame 0 scores 0, frame 1 scores 10");
    }
  }

  private static RgbImage flat(int grey) {
    byte[] rgb = new byte[32 * 24 * 3];
    Arrays.fill(rgb, (byte) grey);
    return new RgbImage(32, 24, rgb);
  }
}
