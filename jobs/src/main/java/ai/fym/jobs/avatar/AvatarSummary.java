package ai.fym.jobs.avatar;

import java.util.Locale;

/**
 * What one avatars run did: identities selected, skipped (stored already under the same settings and input),
 * avatars trained (some resumed from a checkpoint), failures, the mean held-out PSNR of the new avatars and the
 * wall time.
 */
public record AvatarSummary(String configHash, int identities, int stored, int trained, int resumed, int failed,
    double meanHeldOutPsnr, double seconds) {

  /** One paragraph for the terminal. */
  public String describe(String outRoot) {
    return String.format(Locale.ROOT,
        "Avatars (settings %s) finished in %.1f s: %d identities selected, %d avatars trained%s, %d failed (see "
            + "the quarantine table), %d already stored.%s Avatars are under %s/avatars; query them with "
            + "bin/fym sql \"select identity, gaussians, frames, steps, train_seconds, held_out_psnr, "
            + "held_out_ssim from avatars\".",
        configHash, seconds, identities, trained, resumed > 0 ? " (" + resumed + " resumed from a checkpoint)" : "",
        failed, stored, Double.isNaN(meanHeldOutPsnr) ? "" : String.format(Locale.ROOT,
            " Mean held-out PSNR of the new avatars: %.2f dB.", meanHeldOutPsnr), outRoot);
  }
}
