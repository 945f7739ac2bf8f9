package ai.fym.udfs.trajectory;

import ai.fym.engine.errors.FymException;
import ai.fym.engine.trajectory.FieldFile;
import ai.fym.engine.trajectory.FieldSource;
import ai.fym.engine.trajectory.TrajectoryField;
import ai.fym.engine.trajectory.TrajectorySettings;
import ai.fym.udfs.device.Devices;
import ai.fym.udfs.io.Localizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fields the {@code trajectories} table lists for one clip (shot start to field uri), as a {@link FieldSource}:
 * a listed field is localised and read; one trained under other settings is ignored, and a shot without a listed
 * field is trained on demand by the corrector, as is one whose file cannot be read (logged). Counts how many shots
 * were served from storage.
 */
public final class StoredFields implements FieldSource {
  private static final Logger LOG = LoggerFactory.getLogger(StoredFields.class);
  private final TrajectorySettings settings;
  private final Map<Integer, String> uris;
  private final Localizer localizer;
  private final Path tmp;
  private int loaded;

  public StoredFields(TrajectorySettings settings, Map<Integer, String> uris, Localizer localizer, Path tmp) {
    this.settings = settings;
    this.uris = Map.copyOf(uris);
    this.localizer = localizer;
    this.tmp = tmp;
  }

  @Override
  public TrajectorySettings settings() {
    return settings;
  }

  @Override
  public TrajectoryField stored(int shotStart) throws IOException {
    String uri = uris.get(shotStart);
    if (uri == null) {
      return null;
    }
    try (Localizer.Local local = localizer.localize(uri, tmp)) {
      TrajectoryField field = FieldFile.read(local.path(), settings.threads(), Devices.forTask()).field();
      if (!field.settings().hash().equals(settings.hash())) {
        field.close();
        return null;
      }
      loaded++;
      return field;
    } catch (FymException | IOException e) {
      LOG.warn("stored field {} of the shot at frame {} is unreadable ({}); it is trained again", uri, shotStart,
          e.getMessage());
      return null;
    }
  }

  /** How many fields were read from storage so far. */
  public int loaded() {
    return loaded;
  }
}
