package ai.fym.engine.hashgrid;

import java.util.Random;

/**
 * Throughput of a {@link HashEncoding} on uniformly random points, for {@code bench hashgrid}: points per second
 * of the forward pass and of forward followed by backward, after warm-up runs that let the JIT (or the native
 * engine) settle. The backward pass accumulates into one reused gradient buffer, as training does.
 */
public final class HashGridBenchmark {

  /** Points per second of forward alone and of forward + backward. */
  public record Throughput(double forwardPointsPerSecond, double forwardBackwardPointsPerSecond) {}

  private HashGridBenchmark() {}

  /**
   * Times {@code repeats} forward passes and {@code repeats} forward + backward passes over {@code points}
   * random points (seeded), after {@code warmups} untimed rounds of each.
   */
  public static Throughput measure(HashEncoding encoding, int points, int warmups, int repeats, long seed) {
    if (points < 1 || repeats < 1 || warmups < 0) {
      throw new IllegalArgumentException("points and repeats must be >= 1, warmups >= 0");
    }
    Random random = new Random(seed);
    float[] xyt = new float[3 * points];
    for (int i = 0; i < xyt.length; i++) {
      xyt[i] = random.nextFloat();
    }
    float[] dOut = new float[points * encoding.outputSize()];
    for (int i = 0; i < dOut.length; i++) {
      dOut[i] = random.nextFloat() - 0.5f;
    }
    float[] grad = new float[encoding.config().paramCount()];
    for (int i = 0; i < warmups; i++) {
      encoding.forward(xyt, points);
      encoding.accumulateGradient(xyt, points, dOut, grad);
    }
    long start = System.nanoTime();
    for (int i = 0; i < repeats; i++) {
      encoding.forward(xyt, points);
    }
    double forwardSeconds = (System.nanoTime() - start) / 1e9;
    start = System.nanoTime();
    for (int i = 0; i < repeats; i++) {
      encoding.forward(xyt, points);
      encoding.accumulateGradient(xyt, points, dOut, grad);
    }
    double bothSeconds = (System.nanoTime() - start) / 1e9;
    double total = (double) points * repeats;
    return new Throughput(total / forwardSeconds, total / bothSeconds);
  }
}
