package ai.fym.engine.landmarks;

import ai.fym.engine.errors.FymException;
import ai.fym.engine.geom.Box;
import ai.fym.engine.image.RgbImage;

/**
 * Single-threaded timing of {@link LandmarkNet#detect} after a JIT warm-up, for {@code bench ingest}
 * and for checking the per-face budget (about 10 ms on one core).
 */
public final class LandmarkBenchmark {
  private LandmarkBenchmark() {}

  /**
   * Milliseconds per face averaged over {@code iterations} calls on the calling thread, after
   * {@code warmup} untimed calls.
   */
  public static double msPerFace(RgbImage frame, Box box, int warmup, int iterations) throws FymException {
    if (iterations <= 0 || warmup < 0) {
      throw new IllegalArgumentException("need iterations > 0 and warmup >= 0");
    }
    LandmarkNet net = LandmarkNet.load();
    float sink = 0;
    for (int i = 0; i < warmup; i++) {
      sink += net.detect(frame, box).x(0);
    }
    long start = System.nanoTime();
    for (int i = 0; i < iterations; i++) {
      sink += net.detect(frame, box).x(0);
    }
    long elapsed = System.nanoTime() - start;
    if (Float.isNaN(sink)) {
      throw new IllegalStateException("landmark network produced NaN");
    }
    return elapsed / 1e6 / iterations;
  }
}
