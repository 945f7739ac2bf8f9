package ai.fym.engine.trajectory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SamplingTest {
  private static final int W = 9;
  private static final int H = 7;
  private static final float STEP = 1e-2f;

  @Test
  void gradientMatchesFiniteDifferences() {
    float[] rgb = image(new Random(1));
    Random random = new Random(2);
    float[] at = new float[9];
    float[] plus = new float[9];
    float[] minus = new float[9];
    for (int trial = 0; trial < 50; trial++) {
      // Keep away from pixel centres, where bilinear interpolation has a kink.
      float x = (int) (random.nextFloat() * (W - 1)) + 0.1f + 0.8f * random.nextFloat();
      float y = (int) (random.nextFloat() * (H - 1)) + 0.1f + 0.8f * random.nextFloat();
      assertTrue(Sampling.rgbWithGradient(rgb, W, H, x, y, at));
      for (int axis = 0; axis < 2; axis++) {
        float dx = axis == 0 ? STEP : 0f;
        float dy = axis == 1 ? STEP : 0f;
        Sampling.rgbWithGradient(rgb, W, H, x + dx, y + dy, plus);
        Sampling.rgbWithGradient(rgb, W, H, x - dx, y - dy, minus);
        for (int c = 0; c < 3; c++) {
          double numeric = (plus[c] - minus[c]) / (2.0 * STEP);
          assertEquals(numeric, at[3 * (axis + 1) + c], 0.05, "channel " + c + " axis " + axis + " at " + x + "," + y);
        }
      }
    }
  }

  @Test
  void hitsPixelValuesAndBordersExactly() {
    float[] rgb = image(new Random(3));
    float[] out = new float[9];
    assertTrue(Sampling.rgbWithGradient(rgb, W, H, 4f, 2f, out));
    assertArrayEquals(new float[] {rgb[3 * (2 * W + 4)], rgb[3 * (2 * W + 4) + 1], rgb[3 * (2 * W + 4) + 2]},
        java.util.Arrays.copyOf(out, 3), 1e-4f);
    assertTrue(Sampling.rgbWithGradient(rgb, W, H, W - 1, H - 1, out));
    assertEquals(rgb[3 * (W * H - 1)], out[0], 1e-4f);
  }

  @Test
  void rejectsPointsOutsideTheImage() {
    float[] rgb = image(new Random(4));
    float[] out = {42f, 0, 0, 0, 0, 0, 0, 0, 0};
    assertFalse(Sampling.rgbWithGradient(rgb, W, H, -0.01f, 3f, out));
    assertFalse(Sampling.rgbWithGradient(rgb, W, H, 3f, H - 0.99f, out));
    assertFalse(Sampling.rgbWithGradient(rgb, W, H, Float.NaN, 3f, out));
    assertEquals(42f, out[0]);
  }

  private static float[] image(Random random) {
    float[] rgb = new float[3 * W * H];
    for (int i = 0; i < rgb.length; i++) {
      rgb[i] = 255f * random.nextFloat();
    }
    return rgb;
  }
}
