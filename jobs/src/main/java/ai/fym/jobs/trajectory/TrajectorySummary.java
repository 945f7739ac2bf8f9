package ai.fym.jobs.trajectory;

import java.util.Locale;

/**
 * What one trajectories run did: shots selected, skipped (stored already under the same settings and region, or
 * without two frames to train on), fields trained (some resumed from a checkpoint), failures, the mean
 * photometric error of the new fields and the wall time.
 */
public record TrajectorySummary(String region, String configHash, int shots, int stored, int unusable, int trained,
    int resumed, int failed, double meanPhotometricError, double seconds) {

  /** One paragraph for the terminal. */
  public String describe(String outRoot) {
    return String.format(Locale.ROOT,
        "Trajectories (region %s, settings %s) finished in %.1f s: %d shots selected, %d fields trained%s, "
            + "%d failed (see the quarantine table), %d already stored, %d skipped without two frames%s.%s "
            + "Fields are under %s/trajectories; query them with bin/fym sql \"select clip, shot, frames, steps, "
            + "loss, photometric_error, train_seconds from trajectories\".",
        region, configHash, seconds, shots, trained, resumed > 0 ? " (" + resumed + " resumed from a checkpoint)"
            : "", failed, stored, unusable, "face".equals(region) ? " of a face track" : "",
        Double.isNaN(meanPhotometricError) ? "" : String.format(Locale.ROOT,
            " Mean photometric error of the new fields: %.2f grey levels.", meanPhotometricError), outRoot);
  }
}
