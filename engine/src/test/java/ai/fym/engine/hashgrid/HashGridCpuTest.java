package ai.fym.engine.hashgrid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class HashGridCpuTest {

  static final HashGridConfig SMALL = new HashGridConfig(4, 2, 12, 4, 1.5);

  static float[] randomPoints(int n, long seed) {
    Random random = new Random(seed);
    float[] xyt = new float[3 * n];
    for (int i = 0; i < xyt.length; i++) {
      xyt[i] = random.nextFloat();
    }
    return xyt;
  }

  @Test
  void codefUsesDirectTablesExactlyWhileTheGridFits() {
    HashGridConfig c = HashGridConfig.codef();
    int[] expectedResolution = {16, 22, 30, 42, 58, 80};
    int[] expectedEntries = {4913, 12167, 29791, 79507, 205379, 524288};
    for (int l = 0; l < expectedResolution.length; l++) {
      assertEquals(expectedResolution[l], c.resolution(l));
      assertEquals(expectedEntries[l], c.levelEntries(l));
    }
    for (int l = 0; l < c.levels(); l++) {
      long side = c.resolution(l) + 1L;
      assertEquals(side * side * side <= c.tableSize(), c.isDirect(l), "level " + l);
      assertEquals(l < 5, c.isDirect(l), "level " + l);
    }
    assertEquals(2 * (4913 + 12167 + 29791 + 79507 + 205379 + 11 * 524288), c.paramCount());
    assertEquals(32, c.outputSize());
    try (HashGridCpu grid = new HashGridCpu(c, 1L, 1)) {
      assertEquals(c.paramCount(), grid.params().length);
      for (float p : grid.params()) {
        assertTrue(Math.abs(p) <= 1e-4f);
      }
    }
  }

  @Test
  void rejectsInvalidConfigurations() {
    assertThrows(IllegalArgumentException.class, () -> new HashGridConfig(0, 2, 19, 16, 1.38));
    assertThrows(IllegalArgumentException.class, () -> new HashGridConfig(16, 2, 30, 16, 1.38));
    assertThrows(IllegalArgumentException.class, () -> new HashGridConfig(16, 2, 19, 16, 0.5));
    assertThrows(IllegalArgumentException.class, () -> new HashGridCpu(SMALL, new float[3], 1));
    assertThrows(IllegalArgumentException.class, () -> new HashGridCpu(SMALL, 1L, 0));
  }

  @Test
  void vertexReturnsItsFeaturesAndEdgesInterpolateLinearly() {
    // Resolutions 4, 8, 16 with T = 256: level 0 direct (125 vertices), levels 1 and 2 hashed.
    HashGridConfig c = new HashGridConfig(3, 2, 8, 4, 2.0);
    float[] params = HashGridCpu.randomParams(c, 7L);
    for (int i = 0; i < params.length; i++) {
      params[i] *= 1e4f;
    }
    try (HashGridCpu grid = new HashGridCpu(c, params, 1)) {
      float[] out = grid.forward(new float[] {0.25f, 0.5f, 0.75f}, 1);
      int offset = 0;
      for (int l = 0; l < 3; l++) {
        int n = c.resolution(l);
        long entry = vertexEntry(c, l, n / 4, n / 2, 3 * n / 4);
        for (int f = 0; f < 2; f++) {
          assertEquals(params[offset + (int) entry * 2 + f], out[l * 2 + f], 0f, "level " + l);
        }
        offset += c.levelEntries(l) * 2;
      }
      long v0 = vertexEntry(c, 0, 1, 2, 3);
      long v1 = vertexEntry(c, 0, 2, 2, 3);
      for (float a : new float[] {0.25f, 0.5f, 0.75f}) {
        float[] mid = grid.forward(new float[] {0.25f + a * 0.25f, 0.5f, 0.75f}, 1);
        for (int f = 0; f < 2; f++) {
          float expected = (1 - a) * params[(int) v0 * 2 + f] + a * params[(int) v1 * 2 + f];
          assertEquals(expected, mid[f], 1e-5f);
        }
      }
    }
  }

  /** Independent reference: direct index, or instant-ngp's uint32 hash computed in long arithmetic. */
  private static long vertexEntry(HashGridConfig c, int level, long x, long y, long t) {
    long side = c.resolution(level) + 1L;
    if (c.isDirect(level)) {
      return x + side * (y + side * t);
    }
    long h = ((x * 1L) ^ (y * 2654435761L) ^ (t * 805459861L)) & 0xFFFFFFFFL;
    return h % c.tableSize();
  }

  @Test
  void analyticGradientMatchesFiniteDifferences() {
    float[] params = HashGridCpu.randomParams(SMALL, 3L);
    for (int i = 0; i < params.length; i++) {
      params[i] *= 1e4f;
    }
    int n = 200;
    float[] xyt = randomPoints(n, 11L);
    float[] w = randomPoints(n * SMALL.outputSize() / 3 + 1, 12L);
    try (HashGridCpu grid = new HashGridCpu(SMALL, params, 1)) {
      float[] grad = grid.backward(xyt, n, w);
      int checked = 0;
      for (int i = 0; i < params.length && checked < 12; i += 97) {
        float h = 1e-2f;
        float keep = params[i];
        params[i] = keep + h;
        double plus = loss(grid.forward(xyt, n), w);
        params[i] = keep - h;
        double minus = loss(grid.forward(xyt, n), w);
        params[i] = keep;
        double numeric = (plus - minus) / (2 * h);
        if (grad[i] != 0f) {
          checked++;
          assertEquals(0, Math.abs(numeric - grad[i]) / Math.abs(grad[i]), 1e-2, "param " + i);
        } else {
          assertEquals(0, numeric, 1e-3, "unused param " + i);
        }
      }
      assertTrue(checked >= 5, "too few used parameters checked: " + checked);
    }
  }

  private static double loss(float[] features, float[] w) {
    double sum = 0;
    for (int i = 0; i < features.length; i++) {
      sum += (double) features[i] * w[i];
    }
    return sum;
  }

  @Test
  void threadsDoNotChangeResults() {
    for (HashGridConfig c : new HashGridConfig[] {SMALL, HashGridConfig.codef()}) {
      float[] params = HashGridCpu.randomParams(c, 5L);
      int n = 3001;
      float[] xyt = randomPoints(n, 6L);
      float[] dOut = randomPoints(n * c.outputSize() / 3 + 1, 8L);
      try (HashGridCpu one = new HashGridCpu(c, params, 1); HashGridCpu three = new HashGridCpu(c, params, 3)) {
        assertArrayEquals(one.forward(xyt, n), three.forward(xyt, n));
        float[] expected = one.backward(xyt, n, dOut);
        assertArrayEquals(expected, three.backward(xyt, n, dOut));
        assertArrayEquals(expected, three.backward(xyt, n, dOut));
      }
    }
  }
}
