package ai.fym.engine.diffusion;

import java.io.IOException;

/**
 * Where the {@code fym} corrector gets an identity's base denoiser: the one the {@code denoisers} stage stored for
 * it under the same base settings when there is one, else none (the corrector then trains one on the shot it
 * corrects, a fallback for single clips and tests).
 */
public interface DenoiserSource {
  /** The configured settings (ablation switches on); a method configuration may switch them off. */
  DenoiserSettings settings();

  /** The stored base denoiser trained under {@code settings}' base settings, or null. */
  Denoiser stored(DenoiserSettings settings) throws IOException;

  /** A source with no stored denoisers. */
  static DenoiserSource none(DenoiserSettings settings) {
    return new DenoiserSource() {
      @Override
      public DenoiserSettings settings() {
        return settings;
      }

      @Override
      public Denoiser stored(DenoiserSettings s) {
        return null;
      }
    };
  }
}
