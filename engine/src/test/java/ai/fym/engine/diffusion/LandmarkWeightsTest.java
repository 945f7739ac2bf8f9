package ai.fym.engine.diffusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LandmarkWeightsTest {
  private static final int SIZE = 32;

  /** 68 landmarks on a ring around the crop's centre. */
  private static float[] ring() {
    float[] xy = new float[2 * LandmarkWeights.COUNT];
    for (int k = 0; k < LandmarkWeights.COUNT; k++) {
      double a = 2 * Math.PI * k / LandmarkWeights.COUNT;
      xy[2 * k] = (float) (SIZE / 2.0 + 6 * Math.cos(a));
      xy[2 * k + 1] = (float) (SIZE / 2.0 + 6 * Math.sin(a));
    }
    return xy;
  }

  @Test
  void landmarksWithLargerErrorGainWeightWithinTheClipAndEveryUpdateIsRecorded() {
    LandmarkWeights weights = new LandmarkWeights(0.5, 3);
    float[] landmarks = ring();
    float[] error = new float[SIZE * SIZE];
    java.util.Arrays.fill(error, 0.01f);
    int hx = Math.round(landmarks[0]);
    int hy = Math.round(landmarks[1]);
    for (int y = hy - 2; y <= hy + 2; y++) {
      for (int x = hx - 2; x <= Math.min(SIZE - 1, hx + 2); x++) {
        error[y * SIZE + x] = 1f;
      }
    }
    for (int round = 0; round < 6; round++) {
      weights.accumulate(error, landmarks, SIZE);
      weights.update(50 * (round + 1));
    }
    float[] w = weights.weights();
    float opposite = w[LandmarkWeights.COUNT / 2];
    assertTrue(w[0] > 2 * opposite, "landmark 0 " + w[0] + " against the opposite one " + opposite);
    for (float v : w) {
      assertTrue(v >= 0 && v <= 3, "clipped: " + v);
    }
    assertEquals(6, weights.history().size());
    assertEquals(300f, weights.history().get(5)[0]);
  }

  @Test
  void logWeightsAreLargestAtTheLandmarksAndZeroWithoutThem() {
    LandmarkWeights weights = new LandmarkWeights(0.1, 4);
    float[] log = weights.logWeights(ring(), SIZE, 8);
    assertTrue(log[0] < 0.05f, "a corner far from the ring: " + log[0]);
    float max = 0;
    for (float v : log) {
      max = Math.max(max, v);
    }
    assertTrue(max > 0.5f, "near the ring: " + max);
    for (float v : weights.logWeights(null, SIZE, 8)) {
      assertEquals(0f, v);
    }
  }
}
