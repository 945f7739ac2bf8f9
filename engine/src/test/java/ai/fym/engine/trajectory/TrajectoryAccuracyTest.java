package ai.fym.engine.trajectory;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.fym.engine.config.FymConfig;
import ai.fym.engine.hashgrid.HashGridConfig;
import ai.fym.engine.image.ImageCodec;
import ai.fym.engine.image.RgbImage;
import ai.fym.engine.testing.Samples;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The trajectory field against ground truth: on a generated video with known non-rigid motion it must land
 * closer to the true frame-0 positions than classical flow chained frame to frame.
 */
class TrajectoryAccuracyTest {

  @Test
  void fieldBeatsChainedFlowOnKnownNonRigidMotion() throws Exception {
    NonRigidVideo video = NonRigidVideo.of(ImageCodec.read(Samples.graceHopper()), 96, 72, 40, 0.05, 3);
    List<RgbImage> frames = video.render();
    TrajectorySettings settings = smaller(FymConfig.defaults().trajectorySettings());
    ShotSequence shot = ShotSequence.of(frames, settings.workingSize());
    TrajectoryTrainer.Result trained = TrajectoryTrainer.train(shot, settings, null, Device.cpu());
    try (TrajectoryField field = trained.field()) {
      TrajectoryAccuracy.Errors e = TrajectoryAccuracy.measure(video, frames, field);
      System.out.printf("end-point error, px at 96x72, 40 frames: field %.3f, chained flow %.3f, direct flow %.3f "
          + "(chained / field %.2fx; %d steps in %.1f s)%n", e.field(), e.chainedFlow(), e.directFlow(),
          e.chainedOverField(), trained.steps(), trained.trainSeconds());
      assertTrue(e.field() < e.chainedFlow(), "field " + e.field() + " px vs chained flow " + e.chainedFlow());
      assertTrue(e.field() < 1.0, "field " + e.field() + " px");
    }
  }

  /** The defaults with a smaller table, fewer levels, batch and steps, so the test trains in seconds. */
  private static TrajectorySettings smaller(TrajectorySettings d) {
    HashGridConfig g = d.grid();
    return new TrajectorySettings(new HashGridConfig(12, g.featuresPerLevel(), 15, g.baseResolution(), g.growth()),
        d.hidden(), d.hiddenLayers(), d.workingSize(), 200, 1024, d.hashLearningRate(), d.mlpLearningRate(),
        d.annealFraction(), d.photometricWeight(), d.flowWeight(), d.smoothnessWeight(), 0, d.seed(), d.threads());
  }
}
