package ai.fym.engine.hashgrid;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The hash encoding as a hand-written, multithreaded CPU kernel: the fast path for training trajectory fields
 * without a GPU.
 *
 * <p>Threads share the work by a race-free split, each part run by a {@link LevelKernel}: the forward pass gives
 * each thread a contiguous range of points (each writes only its points' features); the backward pass gives
 * each thread every point but its own levels (l = k, k + threads, ...), so each scatters only into its own level
 * tables. No gradient buffers need merging, each thread's tables stay warmer in cache, and the result is the
 * same bit for bit whatever the thread count.
 */
public final class HashGridCpu implements HashEncoding {

  private final HashGridConfig config;
  private final float[] params;
  private final int threads;
  private final int outputSize;
  private final LevelKernel kernel;
  private final ExecutorService pool;

  /** A grid with parameters drawn uniformly from [-1e-4, 1e-4] by a Random seeded with {@code seed}. */
  public HashGridCpu(HashGridConfig config, long seed, int threads) {
    this(config, randomParams(config, seed), threads);
  }

  /** A grid over {@code params} (used as is, not copied; length {@link HashGridConfig#paramCount()}). */
  public HashGridCpu(HashGridConfig config, float[] params, int threads) {
    if (params.length != config.paramCount()) {
      throw new IllegalArgumentException("expected " + config.paramCount() + " params, got " + params.length);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    this.config = config;
    this.params = params;
    this.threads = threads;
    this.outputSize = config.outputSize();
    this.kernel = new LevelKernel(config, params);
    this.pool = threads > 1 ? Executors.newFixedThreadPool(threads - 1, r -> {
      Thread t = new Thread(r, "hashgrid-cpu");
      t.setDaemon(true);
      return t;
    }) : null;
  }

  /** Parameters uniform in [-1e-4, 1e-4] from a Random seeded with {@code seed}. */
  public static float[] randomParams(HashGridConfig config, long seed) {
    Random random = new Random(seed);
    float[] p = new float[config.paramCount()];
    for (int i = 0; i < p.length; i++) {
      p[i] = (random.nextFloat() * 2f - 1f) * 1e-4f;
    }
    return p;
  }

  @Override
  public HashGridConfig config() {
    return config;
  }

  /** The number of threads forward and backward use. */
  public int threads() {
    return threads;
  }

  @Override
  public float[] params() {
    return params.clone();
  }

  @Override
  public float[] forward(float[] xyt, int n) {
    checkPoints(xyt, n);
    float[] out = new float[n * outputSize];
    parallel(n, (part, from, to) -> kernel.encode(xyt, from, to, 0, 1, out, null, null));
    return out;
  }

  @Override
  public float[] backward(float[] xyt, int n, float[] dOut) {
    float[] grad = new float[params.length];
    accumulateGradient(xyt, n, dOut, grad);
    return grad;
  }

  @Override
  public void accumulateGradient(float[] xyt, int n, float[] dOut, float[] grad) {
    checkPoints(xyt, n);
    if (dOut.length < n * outputSize || grad.length != params.length) {
      throw new IllegalArgumentException("dOut needs " + n * outputSize + " values and grad " + params.length);
    }
    int parts = Math.min(threads, config.levels());
    parallel(parts, (part, from, to) -> kernel.encode(xyt, 0, n, part, parts, null, dOut, grad));
  }

  /** Copies {@code params} into the tables, unless it is the very array this grid was built over. */
  @Override
  public void setParams(float[] params) {
    if (params != this.params) {
      System.arraycopy(params, 0, this.params, 0, this.params.length);
    }
  }

  private interface Range {
    void run(int part, int from, int to);
  }

  /** Runs {@code body} on up to {@link #threads} contiguous ranges of [0, n), the first on the caller's thread. */
  private void parallel(int n, Range body) {
    int parts = Math.min(threads, Math.max(1, n));
    List<Future<?>> pending = new ArrayList<>();
    for (int k = 1; k < parts; k++) {
      int part = k;
      pending.add(pool.submit(() -> body.run(part, bound(n, parts, part), bound(n, parts, part + 1))));
    }
    body.run(0, 0, bound(n, parts, 1));
    try {
      for (Future<?> f : pending) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while encoding", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("hash grid worker failed", e.getCause());
    }
  }

  private static int bound(int n, int parts, int k) {
    return (int) ((long) n * k / parts);
  }

  private static void checkPoints(float[] xyt, int n) {
    if (n < 0 || xyt.length < 3 * n) {
      throw new IllegalArgumentException("need 3 * " + n + " coordinates, got " + xyt.length);
    }
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdown();
    }
  }
}
