package ai.fym.udfs.models;

import ai.fym.engine.diffusion.Denoiser;
import ai.fym.engine.diffusion.DenoiserSettings;
import ai.fym.engine.errors.FymException;
import ai.fym.udfs.io.Localizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The executor cache of stored base denoisers: a {@code .fymd} file is localised and read once per executor JVM
 * (keyed by its uri, which is attempt-unique and never rewritten) and shared by every task and thread, since
 * correction only reads a base denoiser (its ControlNet branch is a separate, per-shot parameter set). The cache
 * keeps the {@value #CAPACITY} most recently used denoisers, so an executor correcting many identities in turn
 * holds a bounded amount of memory. A failed read is not cached.
 */
public final class ExecutorDenoisers {
  /** How many denoisers an executor keeps. */
  static final int CAPACITY = 4;

  private static final Map<String, CompletableFuture<Denoiser>> CACHE =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CompletableFuture<Denoiser>> eldest) {
          return size() > CAPACITY;
        }
      };

  private static final Map<String, AtomicInteger> LOADS = new ConcurrentHashMap<>();

  private ExecutorDenoisers() {}

  /** How many times this JVM has read the file at {@code uri} (0: never; 1 while it stays cached). */
  public static int loads(String uri) {
    AtomicInteger n = LOADS.get(uri);
    return n == null ? 0 : n.get();
  }

  /**
   * The denoiser stored at {@code uri}, read under {@code settings} (whose base settings it must have been
   * trained with) on first use; {@code tmp} holds a remote file while it is read.
   */
  public static Denoiser get(String uri, DenoiserSettings settings, Localizer localizer, Path tmp)
      throws IOException, FymException {
    String key = uri + "\u0000" + settings.baseCanonical();
    CompletableFuture<Denoiser> mine = new CompletableFuture<>();
    CompletableFuture<Denoiser> cached;
    synchronized (CACHE) {
      cached = CACHE.putIfAbsent(key, mine);
    }
    if (cached != null) {
      return await(cached);
    }
    try (Localizer.Local local = localizer.localize(uri, tmp)) {
      mine.complete(Denoiser.load(local.path(), settings));
      LOADS.computeIfAbsent(uri, k -> new AtomicInteger()).incrementAndGet();
    } catch (IOException | FymException | RuntimeException e) {
      synchronized (CACHE) {
        CACHE.remove(key, mine);
      }
      mine.completeExceptionally(e);
      throw e;
    }
    return mine.join();
  }

  private static Denoiser await(CompletableFuture<Denoiser> future) throws IOException, FymException {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof FymException f) {
        throw f;
      }
      throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
    }
  }
}
