package ai.fym.engine.diffusion;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * How the consistency-correction denoiser is built, trained and sampled (the {@code fym.diffusion.*} keys of the
 * one configuration class, with the ablation switches set per method configuration). {@link #baseHash()} covers
 * what changes the base denoiser, so a stored one is reused only under the settings it was trained with.
 *
 * @param size side of the square face crop the denoiser works at, pixels (a multiple of 8)
 * @param channels width of the UNet's first level (the lower levels have twice as many)
 * @param baseSteps optimiser steps of the base denoiser (stage 1, per identity)
 * @param adaptSteps optimiser steps of the ControlNet branch per 100 frames of a shot (stage 2, per edit and
 *     shot; at least {@link #MIN_ADAPT_STEPS} when not 0), so a clip's adaptation costs the same however it is cut
 * @param batch crops per step
 * @param learningRate Adam's step size
 * @param strength SDEdit strength: the noise level sampling starts from, in (0, 1]
 * @param sampleSteps DDIM steps from {@code strength} down to 0
 * @param hintWindow the ControlNet's edit hint averages the edit over frames t - window .. t + window
 * @param weightRate how fast the landmark weights follow the per-landmark loss (0: never)
 * @param weightMax the landmark weights are clipped to [0, weightMax]
 * @param hashFeatures condition on the trajectory field's hash-grid features (false: plain positional encoding)
 * @param reweight re-weight attention towards the landmarks (false: W = 1)
 * @param control adapt a ControlNet branch to the edit (false: the base denoiser alone)
 * @param seed initialisation, sampling and noise seed
 */
public record DenoiserSettings(int size, int channels, int baseSteps, int adaptSteps, int batch, double learningRate,
    double strength, int sampleSteps, int hintWindow, double weightRate, double weightMax, boolean hashFeatures,
    boolean reweight, boolean control, long seed) implements java.io.Serializable {

  /** The fewest adaptation steps of a shot when adaptation is on. */
  public static final int MIN_ADAPT_STEPS = 10;

  public DenoiserSettings {
    if (size < 16 || size % 8 != 0 || channels < 8 || channels % 8 != 0 || baseSteps < 0 || adaptSteps < 0
        || batch < 1 || !(learningRate > 0) || !(strength > 0 && strength <= 1) || sampleSteps < 1
        || hintWindow < 0 || weightRate < 0 || weightRate > 1 || weightMax < 0) {
      throw new IllegalArgumentException("invalid diffusion settings: " + canonical());
    }
  }

  /** Every value that changes the base denoiser. */
  public String baseCanonical() {
    return "size=" + size + ",channels=" + channels + ",baseSteps=" + baseSteps + ",batch=" + batch
        + ",learningRate=" + learningRate + ",weightRate=" + weightRate + ",weightMax=" + weightMax
        + ",hashFeatures=" + hashFeatures + ",reweight=" + reweight + ",seed=" + seed;
  }

  /** Every value that changes the corrected output. */
  public String canonical() {
    return baseCanonical() + ",adaptSteps=" + adaptSteps + ",strength=" + strength + ",sampleSteps=" + sampleSteps
        + ",hintWindow=" + hintWindow + ",control=" + control;
  }

  /** Adaptation steps for a shot of {@code frames} frames. */
  public int adaptStepsFor(int frames) {
    return adaptSteps == 0 ? 0 : Math.max(MIN_ADAPT_STEPS, Math.round(adaptSteps * frames / 100f));
  }

  /** The first 12 hex digits of the sha256 of {@link #baseCanonical()}: the stored base denoiser's key. */
  public String baseHash() {
    return sha(baseCanonical());
  }

  /** The first 12 hex digits of the sha256 of {@link #canonical()}: tells correction configurations apart. */
  public String hash() {
    return sha(canonical());
  }

  /** These settings with the ablation switches and the SDEdit strength replaced. */
  public DenoiserSettings with(boolean newHashFeatures, boolean newReweight, boolean newControl,
      double newStrength) {
    return new DenoiserSettings(size, channels, baseSteps, adaptSteps, batch, learningRate, newStrength,
        sampleSteps, hintWindow, weightRate, weightMax, newHashFeatures, newReweight, newControl, seed);
  }

  private static String sha(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
