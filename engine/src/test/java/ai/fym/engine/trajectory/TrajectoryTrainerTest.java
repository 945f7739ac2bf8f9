package ai.fym.engine.trajectory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrajectoryTrainerTest {
  private static ShotSequence shot;

  @BeforeAll
  static void shot() {
    shot = ShotSequence.of(TinyShot.translating(8), 48);
  }

  @Test
  void reducesLossAndLearnsTheTranslation() throws Exception {
    TrajectoryTrainer.Result first = TrajectoryTrainer.train(shot, TinyShot.settings(1, 0), null, Device.cpu());
    TrajectoryTrainer.Result trained = TrajectoryTrainer.train(shot, TinyShot.settings(150, 0), null, Device.cpu());
    try (TrajectoryField untrained = first.field(); TrajectoryField field = trained.field()) {
      double before = TinyShot.endPointError(untrained);
      double after = TinyShot.endPointError(field);
      System.out.printf("translating shot: loss %.4f -> %.4f, end-point error %.2f -> %.2f px%n", first.loss(),
          trained.loss(), before, after);
      assertTrue(trained.loss() < 0.3 * first.loss(), "loss " + first.loss() + " -> " + trained.loss());
      assertTrue(after < 0.2 * before && after < 1.0, "end-point error " + before + " -> " + after);
      assertEquals(150, trained.steps());
      assertEquals(0, trained.resumedFrom());
    }
  }

  @Test
  void resumingFromACheckpointEqualsTrainingStraight(@TempDir Path dir) throws Exception {
    Path checkpoint = dir.resolve("shot.fymt");
    TrajectorySettings settings = TinyShot.settings(30, 20);
    TrajectoryTrainer.Result straight = TrajectoryTrainer.train(shot, settings, checkpoint, Device.cpu());
    FieldFile.Loaded saved = FieldFile.read(checkpoint, 1, Device.cpu());
    saved.field().close();
    assertEquals(20, saved.step());
    TrajectoryTrainer.Result resumed = TrajectoryTrainer.train(shot, settings, checkpoint, Device.cpu());
    try (TrajectoryField a = straight.field(); TrajectoryField b = resumed.field()) {
      assertEquals(20, resumed.resumedFrom());
      assertEquals(30, resumed.steps());
      // Same samples, same arithmetic (the kernel's backward is thread-count independent): equal bit for bit.
      assertArrayEquals(a.decoder().params(), b.decoder().params(), "decoder after resuming");
      assertArrayEquals(a.hashParams(), b.hashParams(), "hash tables after resuming");
    }
  }

  @Test
  void ignoresACheckpointOfOtherSettings(@TempDir Path dir) throws Exception {
    Path checkpoint = dir.resolve("shot.fymt");
    TrajectoryTrainer.train(shot, TinyShot.settings(30, 20), checkpoint, Device.cpu()).field().close();
    TrajectoryTrainer.Result other = TrajectoryTrainer.train(shot, TinyShot.settings(25, 20), checkpoint,
        Device.cpu());
    other.field().close();
    assertEquals(0, other.resumedFrom());
  }
}
