package ai.fym.jobs.diffusion;

import java.util.Locale;

/**
 * What one denoisers run did: (identity, base setting) pairs selected, already stored under the same input,
 * trained (some resumed from a checkpoint), failed, the mean final training loss of the new ones and the wall time.
 */
public record DenoiserSummary(int selected, int stored, int trained, int resumed, int failed, double meanLoss,
    double seconds) {

  /** One paragraph for the terminal. */
  public String describe(String outRoot) {
    return String.format(Locale.ROOT,
        "Denoisers finished in %.1f s: %d (identity, base setting) pairs selected, %d base denoisers trained%s, "
            + "%d failed (see the quarantine table), %d already stored.%s Denoisers are under %s/denoisers; query "
            + "them with bin/fym sql \"select identity, base_hash, steps, loss, train_seconds, clips, frames from "
            + "denoisers\".",
        seconds, selected, trained, resumed > 0 ? " (" + resumed + " resumed from a checkpoint)" : "", failed, stored,
        Double.isNaN(meanLoss) ? "" : String.format(Locale.ROOT, " Mean final loss of the new ones: %.4f.", meanLoss),
        outRoot);
  }
}
