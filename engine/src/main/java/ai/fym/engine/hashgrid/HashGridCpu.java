package ai.fym.engine.hashgrid;

import java.util.ArrayList;
import java.util.Arrays;
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
 * <p>Points are split into one contiguous range per thread, each run by a {@link LevelKernel}. The backward
 * pass accumulates each thread's gradient into its own buffer (the caller's thread writes straight into the
 * result) and sums the buffers at the end, so no two threads ever write the same memory.
 */
public final class HashGridCpu implements HashEncoding {

    private final HashGridConfig config;
    private final float[] params;
    private final int threads;
    private final int outputSize;
    private final LevelKernel kernel;
    private final ExecutorService pool;
    private final float[][] threadGrad;

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
        this.threadGrad = new float[threads - 1][];
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
        parallel(n, (part, from, to) -> kernel.encode(xyt, from, to, out, null, null));
        return out;
    }

    @Override
    public float[] backward(float[] xyt, int n, float[] dOut) {
        checkPoints(xyt, n);
        if (dOut.length < n * outputSize) {
            throw new IllegalArgumentException("dOut needs " + n * outputSize + " values, got " + dOut.length);
        }
        float[] grad = new float[params.length];
        parallel(n, (part, from, to) -> {
            float[] target = grad;
            if (part > 0) {
                if (threadGrad[part - 1] == null) {
                    threadGrad[part - 1] = new float[params.length];
                } else {
                    Arrays.fill(threadGrad[part - 1], 0f);
                }
                target = threadGrad[part - 1];
            }
            kernel.encode(xyt, from, to, null, dOut, target);
        });
        int used = Math.min(threads, Math.max(1, n)) - 1;
        for (int k = 0; k < used; k++) {
            float[] g = threadGrad[k];
            for (int i = 0; i < grad.length; i++) {
                grad[i] += g[i];
            }
        }
        return grad;
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
