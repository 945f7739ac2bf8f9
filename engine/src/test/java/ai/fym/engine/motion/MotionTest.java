package ai.fym.engine.motion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fym.engine.geom.Box;
import ai.fym.engine.image.ImageCodec;
import ai.fym.engine.image.RgbImage;
import ai.fym.engine.testing.Samples;
import org.junit.jupiter.api.Test;

class MotionTest {
  /** A window of the portrait, shifted by (sx, sy) pixels. */
  private static RgbImage window(RgbImage portrait, float sx, float sy) {
    return portrait.resample(new Box(100 + sx, 80 + sy, 240, 240), 240, 240);
  }

  @Test
  void disRecoversAKnownTranslationAndWarpAlignsTheFrames() throws Exception {
    RgbImage portrait = ImageCodec.read(Samples.graceHopper());
    RgbImage a = window(portrait, 0, 0);
    RgbImage b = window(portrait, -3, 2);
    try (FlowEstimator dis = new FlowEstimator()) {
      Flow ab = dis.estimate(a, b);
      double sx = 0;
      double sy = 0;
      int n = 0;
      for (int y = 40; y < 200; y++) {
        for (int x = 40; x < 200; x++) {
          sx += ab.dx(x, y);
          sy += ab.dy(x, y);
          n++;
        }
      }
      assertEquals(3.0, sx / n, 0.3, "content moves right by 3 px");
      assertEquals(-2.0, sy / n, 0.3, "and up by 2 px");
      RgbImage aligned = Warp.backward(b, ab);
      assertTrue(meanAbs(aligned, a, 20) < 4, "warped B matches A: " + meanAbs(aligned, a, 20));
      boolean[] visible = Warp.visible(ab, dis.estimate(b, a));
      int inner = 0;
      int visibleInner = 0;
      for (int y = 20; y < 220; y++) {
        for (int x = 20; x < 220; x++) {
          inner++;
          visibleInner += visible[y * 240 + x] ? 1 : 0;
        }
      }
      assertTrue(visibleInner > 0.9 * inner, "a pure translation is visible almost everywhere");
    }
  }

  @Test
  void uniformFlowWarpIsAnExactShiftAndItsForwardBackwardPairIsConsistent() {
    RgbImage img = RgbImage.blank(16, 8);
    img.rgb()[(3 * 16 + 5) * 3] = (byte) 200;
    RgbImage shifted = Warp.backward(img, Flow.uniform(16, 8, 2, 1));
    assertEquals(200, shifted.get(3, 2, 0));
    boolean[] ok = Warp.visible(Flow.uniform(16, 8, 2, 1), Flow.uniform(16, 8, -2, -1));
    assertTrue(ok[0]);
    assertTrue(!ok[7 * 16 + 15], "pixels leaving the frame are occluded");
  }

  private static double meanAbs(RgbImage a, RgbImage b, int margin) {
    double sum = 0;
    int n = 0;
    for (int y = margin; y < a.height() - margin; y++) {
      for (int x = margin; x < a.width() - margin; x++) {
        for (int c = 0; c < 3; c++) {
          sum += Math.abs(a.get(x, y, c) - b.get(x, y, c));
          n++;
        }
      }
    }
    return sum / n;
  }
}
