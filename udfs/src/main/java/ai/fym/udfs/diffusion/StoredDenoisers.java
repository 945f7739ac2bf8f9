package ai.fym.udfs.diffusion;

import ai.fym.engine.diffusion.Denoiser;
import ai.fym.engine.diffusion.DenoiserSettings;
import ai.fym.engine.diffusion.DenoiserSource;
import ai.fym.engine.errors.FymException;
import ai.fym.udfs.io.Localizer;
import ai.fym.udfs.models.ExecutorDenoisers;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The base denoisers the {@code denoisers} table lists for one identity (base-settings hash to uri), as a
 * {@link DenoiserSource}: a listed one is read through the executor cache ({@link ExecutorDenoisers}); a setting
 * without one, or a file that cannot be read (logged), gives none, and the {@code fym} corrector trains a base on
 * the shot instead.
 */
public final class StoredDenoisers implements DenoiserSource {
  private static final Logger LOG = LoggerFactory.getLogger(StoredDenoisers.class);
  private final DenoiserSettings settings;
  private final Map<String, String> uris;
  private final Localizer localizer;
  private final Path tmp;

  /** {@code settings}: the configured ones ({@code fym.diffusion.*}); {@code uris} by base-settings hash. */
  public StoredDenoisers(DenoiserSettings settings, Map<String, String> uris, Localizer localizer, Path tmp) {
    this.settings = settings;
    this.uris = Map.copyOf(uris);
    this.localizer = localizer;
    this.tmp = tmp;
  }

  @Override
  public DenoiserSettings settings() {
    return settings;
  }

  @Override
  public Denoiser stored(DenoiserSettings s) {
    String uri = uris.get(s.baseHash());
    if (uri == null) {
      return null;
    }
    try {
      return ExecutorDenoisers.get(uri, s, localizer, tmp);
    } catch (FymException | IOException e) {
      LOG.warn("stored denoiser {} is unreadable ({}); a base is trained on the shot", uri, e.getMessage());
      return null;
    }
  }
}
