package ai.fym.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fym.engine.image.RgbImage;
import org.junit.jupiter.api.Test;

/** The evaluator's input contract: order, sizes, options, and no frames after finish. */
class EvaluatorContractTest {
  private static final RgbImage FRAME = RgbImage.blank(32, 24);

  @Test
  void rejectsFramesOutOfOrderMismatchedSizesAndFramesAfterFinish() {
    try (ClipEvaluator e = new ClipEvaluator(ClipEvaluator.Options.defaults())) {
      e.add(3, true, FRAME, FRAME, FRAME, null);
      assertThrows(IllegalArgumentException.class, () -> e.add(3, false, FRAME, FRAME, FRAME, null));
      assertThrows(IllegalArgumentException.class,
          () -> e.add(4, false, FRAME, RgbImage.blank(32, 20), FRAME, null));
      assertThrows(IllegalArgumentException.class,
          () -> e.add(4, false, FRAME, FRAME, RgbImage.blank(30, 24), null));
      ClipMetrics m = e.finish();
      assertEquals(1, m.frames());
      assertTrue(Double.isNaN(m.warpShort()), "one frame has no pair");
      assertThrows(IllegalStateException.class, () -> e.add(5, false, FRAME, FRAME, FRAME, null));
    }
  }

  @Test
  void rejectsAFlowScaleOutsideZeroToOne() {
    assertThrows(IllegalArgumentException.class,
        () -> new ClipEvaluator(ClipEvaluator.Options.defaults().withFlowScale(0f)));
    assertThrows(IllegalArgumentException.class,
        () -> new ClipEvaluator(ClipEvaluator.Options.defaults().withFlowScale(1.5f)));
  }

  @Test
  void aClipThatStartsWithoutAShotFlagStillStartsAShot() {
    try (ClipEvaluator e = new ClipEvaluator(ClipEvaluator.Options.defaults())) {
      e.add(0, false, FRAME, FRAME, FRAME, null);
      e.add(1, false, FRAME, FRAME, FRAME, null);
      ClipMetrics m = e.finish();
      assertEquals(1, m.shots());
      assertEquals(0.0, m.warpShort());
    }
  }
}
