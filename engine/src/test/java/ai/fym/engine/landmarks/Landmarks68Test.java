package ai.fym.engine.landmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.fym.engine.geom.Box;
import org.junit.jupiter.api.Test;

class Landmarks68Test {
  /** Point i at (i, 2i + 1), so every helper has a closed-form answer. */
  private static Landmarks68 ramp() {
    float[] xy = new float[136];
    for (int i = 0; i < 68; i++) {
      xy[2 * i] = i;
      xy[2 * i + 1] = 2 * i + 1;
    }
    return new Landmarks68(xy);
  }

  @Test
  void helpersAverageTheRightPoints() {
    Landmarks68 lm = ramp();
    assertEquals(new Landmarks68.Point(5, 11), lm.point(5));
    assertEquals(new Landmarks68.Point(30, 61), lm.noseTip());
    assertEquals(new Landmarks68.Point(38.5f, 78f), lm.leftEyeCenter());
    assertEquals(new Landmarks68.Point(44.5f, 90f), lm.rightEyeCenter());
    assertEquals(new Landmarks68.Point(57.5f, 116f), lm.mouthCenter());
    assertEquals(new Box(0, 1, 67, 134), lm.bounds());
    Box aligned = lm.alignedBox();
    assertEquals(-6.7f, aligned.x(), 1e-4f);
    assertEquals(67 * 1.2f, aligned.width(), 1e-4f);
    assertEquals(lm.bounds().centerY(), aligned.centerY(), 1e-4f);
  }

  @Test
  void coordinatesAreCopiedAndChecked() {
    float[] xy = new float[136];
    Landmarks68 lm = new Landmarks68(xy);
    xy[0] = 99;
    lm.xy()[1] = 99;
    assertEquals(0, lm.x(0));
    assertEquals(0, lm.y(0));
    assertThrows(IllegalArgumentException.class, () -> new Landmarks68(new float[134]));
  }
}
