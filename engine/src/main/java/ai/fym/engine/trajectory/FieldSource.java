package ai.fym.engine.trajectory;

import ai.djl.Device;
import ai.fym.engine.image.RgbImage;
import java.io.IOException;
import java.util.List;

/**
 * Where a corrector gets a shot's trajectory field: the field the {@code trajectories} stage stored for it when
 * there is one, else one trained on the spot from the shot's source frames under the same settings.
 */
public interface FieldSource {

  /** The settings stored fields must have been trained with, and fresh ones are trained with. */
  TrajectorySettings settings();

  /** The stored field of the shot starting at clip frame {@code shotStart}, or null when there is none. */
  TrajectoryField stored(int shotStart) throws IOException;

  /** The stored field, else a freshly trained one. The caller closes it. */
  default TrajectoryField field(int shotStart, List<RgbImage> sources) throws IOException {
    TrajectoryField field = stored(shotStart);
    if (field != null && field.frames() == sources.size()) {
      return field;
    }
    if (field != null) {
      field.close();
    }
    ShotSequence shot = ShotSequence.of(sources, settings().workingSize());
    return TrajectoryTrainer.train(shot, settings(), null, Device.cpu()).field();
  }

  /** A source with no stored fields: every shot's field is trained when it is needed. */
  static FieldSource trainOnDemand(TrajectorySettings settings) {
    return new FieldSource() {
      @Override
      public TrajectorySettings settings() {
        return settings;
      }

      @Override
      public TrajectoryField stored(int shotStart) {
        return null;
      }
    };
  }
}
