package ai.fym.engine.trajectory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.fym.engine.image.RgbImage;
import org.junit.jupiter.api.Test;

class ConfidenceTest {

  @Test
  void smoothstepBetweenHalfTheToleranceAndTheTolerance() {
    assertEquals(1f, Confidence.ofLumaDifference(0f, 24), 0f);
    assertEquals(1f, Confidence.ofLumaDifference(-12f, 24), 0f);
    assertEquals(0.5f, Confidence.ofLumaDifference(18f, 24), 1e-6f);
    assertEquals(0f, Confidence.ofLumaDifference(24f, 24), 0f);
    assertEquals(0f, Confidence.ofLumaDifference(-100f, 24), 0f);
  }

  @Test
  void matchingPixelsAreSureChangedOrOutsidePixelsAreNot() {
    byte[] rgb = new byte[4 * 3 * 3];
    java.util.Arrays.fill(rgb, (byte) 100);
    RgbImage first = new RgbImage(4, 3, rgb);
    byte[] changed = rgb.clone();
    changed[0] = changed[1] = changed[2] = (byte) 200;
    RgbImage frame = new RgbImage(4, 3, changed);
    float[] identity = new float[2 * 12];
    for (int p = 0; p < 12; p++) {
      identity[2 * p] = p % 4;
      identity[2 * p + 1] = p / 4;
    }
    identity[2 * 5] = -1f;
    float[] c = Confidence.of(frame, first, identity, 8);
    assertEquals(0f, c[0], 0f, "pixel 0 changed by 100 grey levels");
    assertEquals(0f, c[5], 0f, "pixel 5 maps outside the first frame");
    assertEquals(1f, c[6], 0f, "pixel 6 is unchanged");
  }
}
