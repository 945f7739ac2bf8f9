package ai.fym.engine.splat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.fym.engine.errors.Errors;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The tile rasterizer in plain Java with an analytic backward pass: the CPU path for training avatars.
 *
 * <p>Tiles are dealt to a fixed pool of worker threads that the rasterizer owns (the caller's thread is one of
 * them; {@link #close()} shuts the pool down), each worker taking the next unrendered tile. Each worker has its
 * own {@link TileKernel}: pixels are written by exactly one worker, and gradients go to per-worker sums merged
 * after the pass, so threads share nothing they write. Frame buffers are reused from frame to frame, which is why
 * a {@link RenderPass} is only valid until the next {@link #render}. Not thread-safe: one frame at a time.
 */
public final class TileRasterizer implements SplatRasterizer {
  private final int threads;
  private final ExecutorService pool;
  private final TileBins bins = new TileBins();
  private final Frame frame = new Frame();
  private TileKernel[] kernels = new TileKernel[0];
  private ProjectedSplats current;
  private long generation;

  /** A rasterizer that renders with {@code threads} threads (the caller's plus {@code threads - 1} of its own). */
  public TileRasterizer(int threads) {
    if (threads < 1) {
      throw Errors.splatShape("rasterizer threads", ">= 1", threads);
    }
    this.threads = threads;
    this.pool = threads > 1 ? Executors.newFixedThreadPool(threads - 1, r -> {
      Thread t = new Thread(r, "splat-raster");
      t.setDaemon(true);
      return t;
    }) : null;
  }

  /** The number of threads a frame is rendered with. */
  public int threads() {
    return threads;
  }

  @Override
  public RenderPass render(ProjectedSplats splats, float[] background) {
    if (background.length != splats.channels()) {
      throw Errors.splatShape("background length", splats.channels(), background.length);
    }
    SplatArrays values = SplatArrays.of(splats);
    if (kernels.length == 0 || kernels[0].channels() != values.channels()) {
      kernels = new TileKernel[threads];
      for (int k = 0; k < threads; k++) {
        kernels[k] = new TileKernel(values.channels());
      }
    }
    bins.build(values, splats.width(), splats.height());
    frame.prepare(values, bins, background, splats.width(), splats.height());
    current = splats;
    generation++;
    forEachTile((kernel, tile) -> kernel.forward(frame, tile));
    return new Pass(generation);
  }

  /** The merged gradients of the last frame: mean (x, y), conic (a, b, c), opacity and features per splat. */
  private record Gradients(float[] means2d, float[] conics, float[] opacities, float[] features) {}

  private Gradients backward(float[] dImage, float[] dAlpha) {
    int n = frame.splats.count();
    int channels = frame.splats.channels();
    if (dImage.length != frame.image.length) {
      throw Errors.splatShape("dImage length", frame.image.length, dImage.length);
    }
    if (dAlpha != null && dAlpha.length != frame.alpha.length) {
      throw Errors.splatShape("dAlpha length", frame.alpha.length, dAlpha.length);
    }
    for (TileKernel kernel : kernels) {
      kernel.clearGradients(n);
    }
    forEachTile((kernel, tile) -> kernel.backward(frame, tile, dImage, dAlpha));
    Gradients g = new Gradients(new float[2 * n], new float[3 * n], new float[n], new float[n * channels]);
    int stride = TileKernel.FIXED_GRADIENTS + channels;
    for (int i = 0; i < n; i++) {
      double[] sum = new double[stride];
      for (TileKernel kernel : kernels) {
        double[] part = kernel.gradients();
        for (int j = 0; j < stride; j++) {
          sum[j] += part[i * stride + j];
        }
      }
      g.means2d[2 * i] = (float) sum[0];
      g.means2d[2 * i + 1] = (float) sum[1];
      g.conics[3 * i] = (float) sum[2];
      g.conics[3 * i + 1] = (float) sum[3];
      g.conics[3 * i + 2] = (float) sum[4];
      g.opacities[i] = (float) sum[5];
      for (int ch = 0; ch < channels; ch++) {
        g.features[i * channels + ch] = (float) sum[TileKernel.FIXED_GRADIENTS + ch];
      }
    }
    return g;
  }

  private interface TileWork {
    void run(TileKernel kernel, int tile);
  }

  /** Runs {@code work} on every tile, each worker pulling the next tile from a shared counter. */
  private void forEachTile(TileWork work) {
    AtomicInteger next = new AtomicInteger();
    int tiles = bins.tileCount();
    List<Future<?>> pending = new ArrayList<>();
    for (int k = 1; k < threads; k++) {
      TileKernel kernel = kernels[k];
      pending.add(pool.submit(() -> drain(kernel, next, tiles, work)));
    }
    drain(kernels[0], next, tiles, work);
    try {
      for (Future<?> f : pending) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while rasterizing", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("rasterizer worker failed", e.getCause());
    }
  }

  private static void drain(TileKernel kernel, AtomicInteger next, int tiles, TileWork work) {
    for (int tile = next.getAndIncrement(); tile < tiles; tile = next.getAndIncrement()) {
      work.run(kernel, tile);
    }
  }

  @Override
  public void close() {
    generation++;
    if (pool != null) {
      pool.shutdown();
    }
  }

  /** A frame of this rasterizer, valid until the next render. */
  private final class Pass implements RenderPass {
    private final long id;
    private final ProjectedSplats splats;

    Pass(long id) {
      this.id = id;
      this.splats = current;
    }

    @Override
    public float[] image() {
      checkCurrent();
      return frame.image;
    }

    @Override
    public float[] alpha() {
      checkCurrent();
      return frame.alpha;
    }

    @Override
    public NDArray surrogate(float[] dImage, float[] dAlpha) {
      checkCurrent();
      Gradients g = backward(dImage, dAlpha);
      NDManager m = splats.means2d().getManager();
      return dot(splats.means2d(), g.means2d(), m).add(dot(splats.conics(), g.conics(), m))
          .add(dot(splats.opacities(), g.opacities(), m)).add(dot(splats.features(), g.features(), m));
    }

    private void checkCurrent() {
      if (id != generation) {
        throw Errors.staleRenderPass();
      }
    }
  }

  private static NDArray dot(NDArray values, float[] gradient, NDManager m) {
    return values.mul(m.create(gradient, values.getShape())).sum();
  }
}
