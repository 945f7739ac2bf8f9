package ai.fym.engine.avatar;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * How an identity's avatar is built and trained (the {@code fym.avatar.*} keys of the one configuration class).
 * {@link #hash()} covers every value that changes the trained avatar, so a stored avatar is reused only under
 * the settings it was trained with.
 *
 * @param resolution side of the square face crop the avatar is trained and rendered at, pixels
 * @param spacing pixels between the Gaussians of the initial grid
 * @param maxGaussians cap on the number of Gaussians densification may reach
 * @param steps optimiser steps (one training frame each)
 * @param codeDims expression components of the landmark code
 * @param hidden width of the deformation network's two hidden layers
 * @param heldOutEvery every this many frames (in frame order) one is held out for validation
 * @param ssimWeight weight of D-SSIM in the loss (the rest is L1)
 * @param codeSmoothing temporal Gaussian smoothing of the landmark codes within a shot, in frames (0: none)
 * @param densifyEvery steps between densification rounds (0: never)
 * @param checkpointEvery steps between checkpoints (0: none)
 * @param seed initialisation and sampling seed
 * @param threads CPU threads of the rasterizer
 */
public record AvatarSettings(int resolution, int spacing, int maxGaussians, int steps, int codeDims, int hidden,
    int heldOutEvery, double ssimWeight, double codeSmoothing, int densifyEvery, int checkpointEvery, long seed,
    int threads) implements java.io.Serializable {

  public AvatarSettings {
    if (resolution < 16 || spacing < 1 || maxGaussians < 1 || steps < 0 || codeDims < 1 || hidden < 1
        || heldOutEvery < 2 || ssimWeight < 0 || ssimWeight > 1 || codeSmoothing < 0 || densifyEvery < 0
        || checkpointEvery < 0 || threads < 1) {
      throw new IllegalArgumentException("invalid avatar settings: " + canonical());
    }
  }

  /** Every value that changes the trained avatar (threads and checkpoints do not). */
  public String canonical() {
    return "resolution=" + resolution + ",spacing=" + spacing + ",maxGaussians=" + maxGaussians + ",steps=" + steps
        + ",codeDims=" + codeDims + ",hidden=" + hidden + ",heldOutEvery=" + heldOutEvery + ",ssimWeight="
        + ssimWeight + ",codeSmoothing=" + codeSmoothing + ",densifyEvery=" + densifyEvery + ",seed=" + seed;
  }

  /** The first 12 hex digits of the sha256 of {@link #canonical()}. */
  public String hash() {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** These settings run with {@code newThreads} rasterizer threads (a Spark task's share of the cores). */
  public AvatarSettings withThreads(int newThreads) {
    return new AvatarSettings(resolution, spacing, maxGaussians, steps, codeDims, hidden, heldOutEvery, ssimWeight,
        codeSmoothing, densifyEvery, checkpointEvery, seed, newThreads);
  }
}
