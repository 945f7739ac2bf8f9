package ai.fym.udfs.ml;

import ai.fym.engine.diffusion.Denoiser;
import ai.fym.engine.diffusion.DenoiserSettings;
import ai.fym.engine.errors.FymException;
import ai.fym.udfs.io.Localizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The executor JVM's base denoisers, keyed by uri: each stored {@code .fymd} file is localised (an {@code s3a:} or
 * {@code hdfs:} one is copied to a temporary file, then removed) and read once, then shared by every task and
 * thread of the JVM for as long as it lives. Sharing is safe because inference only reads a {@link Denoiser}:
 * every correction binds the parameters into its own per-call NDManager and builds its ControlNet branch in a
 * fresh store, so each thread's working state is its own. Two threads asking for a uri at once wait for one
 * load; asking for different uris does not serialise them. A failed load is not cached: the next caller tries
 * again.
 */
final class DenoiserCache {
  private static final Map<String, Entry> ENTRIES = new ConcurrentHashMap<>();

  private DenoiserCache() {}

  /**
   * The denoiser stored at {@code uri}, read on the first call of this JVM; {@code settings} must share its base
   * settings (the file records them), else an IOException says which differ.
   */
  static Denoiser get(String uri, DenoiserSettings settings, Localizer localizer, Path tmp) throws IOException {
    Denoiser d = ENTRIES.computeIfAbsent(uri, k -> new Entry()).get(uri, settings, localizer, tmp);
    if (!d.settings().baseCanonical().equals(settings.baseCanonical())) {
      throw new IOException("denoiser " + uri + " was trained with " + d.settings().baseCanonical() + ", not "
          + settings.baseCanonical());
    }
    return d;
  }

  /** How many times this JVM has read the file at {@code uri} (0: never; 1 once cached). */
  static int loads(String uri) {
    Entry e = ENTRIES.get(uri);
    return e == null ? 0 : e.loads.get();
  }

  private static final class Entry {
    private final AtomicInteger loads = new AtomicInteger();
    private Denoiser denoiser;

    synchronized Denoiser get(String uri, DenoiserSettings settings, Localizer localizer, Path tmp)
        throws IOException {
      if (denoiser == null) {
        try (Localizer.Local local = localizer.localize(uri, tmp)) {
          denoiser = Denoiser.load(local.path(), settings);
          loads.incrementAndGet();
        } catch (FymException e) {
          throw new IOException(e.getMessage(), e);
        }
      }
      return denoiser;
    }
  }
}
