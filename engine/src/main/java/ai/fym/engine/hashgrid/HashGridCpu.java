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
 * <p>Points are split into one contiguous range per thread. Within a range the loop runs level by level, so one
 * level's table stays warm in cache. The backward pass accumulates each thread's gradient into its own buffer
 * (the caller's thread writes straight into the result) and sums the buffers at the end, so no two threads ever
 * write the same memory. The hash uses 32-bit int arithmetic, which wraps exactly like instant-ngp's uint32, and
 * a mask for the power-of-two table size.
 */
public final class HashGridCpu implements HashEncoding {

    static final int PRIME_Y = (int) 2654435761L;
    static final int PRIME_T = 805459861;

    private final HashGridConfig config;
    private final float[] params;
    private final int threads;
    private final int levels;
    private final int features;
    private final int mask;
    private final int[] resolution;
    private final int[] side;
    private final boolean[] direct;
    private final int[] offset;
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
        this.levels = config.levels();
        this.features = config.featuresPerLevel();
        this.mask = config.tableSize() - 1;
        this.resolution = new int[levels];
        this.side = new int[levels];
        this.direct = new boolean[levels];
        this.offset = new int[levels];
        int next = 0;
        for (int l = 0; l < levels; l++) {
            resolution[l] = config.resolution(l);
            side[l] = resolution[l] + 1;
            direct[l] = config.isDirect(l);
            offset[l] = next;
            next += config.levelEntries(l) * features;
        }
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
        float[] out = new float[n * levels * features];
        parallel(n, (part, from, to) -> encode(xyt, from, to, out, null, null));
        return out;
    }

    @Override
    public float[] backward(float[] xyt, int n, float[] dOut) {
        checkPoints(xyt, n);
        if (dOut.length < n * levels * features) {
            throw new IllegalArgumentException("dOut needs " + n * levels * features + " values, got " + dOut.length);
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
            encode(xyt, from, to, null, dOut, target);
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

    /** Forward when {@code out} is set, else accumulates dOut into {@code grad}, for points [from, to). */
    private void encode(float[] xyt, int from, int to, float[] out, float[] dOut, float[] grad) {
        int[] idx = new int[8];
        float[] w = new float[8];
        int stride = levels * features;
        for (int l = 0; l < levels; l++) {
            encodeLevel(l, xyt, from, to, out, dOut, grad, idx, w, stride);
        }
    }

    /** One level of {@link #encode} for points [from, to). */
    private void encodeLevel(int l, float[] xyt, int from, int to, float[] out, float[] dOut, float[] grad,
            int[] idx, float[] w, int stride) {
        float scale = resolution[l];
        int last = resolution[l] - 1;
        int base = offset[l];
        for (int p = from; p < to; p++) {
            corners(l, xyt[3 * p] * scale, xyt[3 * p + 1] * scale, xyt[3 * p + 2] * scale, last, idx, w);
            int o = p * stride + l * features;
            if (features == 2) {
                pairs(base, idx, w, o, out, dOut, grad);
            } else if (out != null) {
                for (int f = 0; f < features; f++) {
                    float acc = 0f;
                    for (int c = 0; c < 8; c++) {
                        acc += w[c] * params[base + idx[c] * features + f];
                    }
                    out[o + f] = acc;
                }
            } else {
                for (int c = 0; c < 8; c++) {
                    int e = base + idx[c] * features;
                    for (int f = 0; f < features; f++) {
                        grad[e + f] += w[c] * dOut[o + f];
                    }
                }
            }
        }
    }

    /** The F = 2 case of {@link #encode} for one point and level, unrolled: CoDeF's configuration. */
    private void pairs(int base, int[] idx, float[] w, int o, float[] out, float[] dOut, float[] grad) {
        if (out != null) {
            float a = 0f;
            float b = 0f;
            for (int c = 0; c < 8; c++) {
                int e = base + 2 * idx[c];
                a += w[c] * params[e];
                b += w[c] * params[e + 1];
            }
            out[o] = a;
            out[o + 1] = b;
        } else {
            float da = dOut[o];
            float db = dOut[o + 1];
            for (int c = 0; c < 8; c++) {
                int e = base + 2 * idx[c];
                grad[e] += w[c] * da;
                grad[e + 1] += w[c] * db;
            }
        }
    }

    /**
     * Table entries and trilinear weights of the 8 corners around grid position (px, py, pt) of level l. The int
     * cast truncates instead of flooring, which differs only below 0, where the clamp gives the same cell.
     */
    private void corners(int l, float px, float py, float pt, int last, int[] idx, float[] w) {
        int x = Math.min(Math.max((int) px, 0), last);
        int y = Math.min(Math.max((int) py, 0), last);
        int t = Math.min(Math.max((int) pt, 0), last);
        float fx = px - x;
        float fy = py - y;
        float ft = pt - t;
        float gx = 1f - fx;
        float gy = 1f - fy;
        float gt = 1f - ft;
        w[0] = gx * gy * gt;
        w[1] = fx * gy * gt;
        w[2] = gx * fy * gt;
        w[3] = fx * fy * gt;
        w[4] = gx * gy * ft;
        w[5] = fx * gy * ft;
        w[6] = gx * fy * ft;
        w[7] = fx * fy * ft;
        if (direct[l]) {
            int s = side[l];
            int i = x + s * (y + s * t);
            int ss = s * s;
            idx[0] = i;
            idx[1] = i + 1;
            idx[2] = i + s;
            idx[3] = i + s + 1;
            idx[4] = i + ss;
            idx[5] = i + ss + 1;
            idx[6] = i + ss + s;
            idx[7] = i + ss + s + 1;
        } else {
            int hy0 = y * PRIME_Y;
            int hy1 = (y + 1) * PRIME_Y;
            int ht0 = t * PRIME_T;
            int ht1 = (t + 1) * PRIME_T;
            idx[0] = (x ^ hy0 ^ ht0) & mask;
            idx[1] = ((x + 1) ^ hy0 ^ ht0) & mask;
            idx[2] = (x ^ hy1 ^ ht0) & mask;
            idx[3] = ((x + 1) ^ hy1 ^ ht0) & mask;
            idx[4] = (x ^ hy0 ^ ht1) & mask;
            idx[5] = ((x + 1) ^ hy0 ^ ht1) & mask;
            idx[6] = (x ^ hy1 ^ ht1) & mask;
            idx[7] = ((x + 1) ^ hy1 ^ ht1) & mask;
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
