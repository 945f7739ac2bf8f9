package ai.fym.engine.edit;

import ai.fym.engine.image.RgbImage;

/**
 * The {@code relight} edit: a warm key light from the upper left, shading the frame as if it were a
 * gentle dome facing the camera. The shading is the second-order spherical-harmonic approximation of a
 * clamped cosine (the irradiance of a distant light: coefficients 1/4, 1/2, 5/16 on the Legendre
 * polynomials of n.L), so the gain field is smooth, like studio light, and never has a hard terminator.
 * It scales all channels alike in linear light (hue is kept) and adds a colour-temperature shift.
 *
 * <p>Per frame the light direction moves by about {@value #DIRECTION_SIGMA_DEG} degrees, its intensity
 * by {@value #INTENSITY_SIGMA} (relative) and the temperature by {@value #TEMPERATURE_SIGMA}.
 */
final class Relight implements FrameEditor {
  static final String NAME = "relight";

  private static final double AZIMUTH_DEG = 135; // upper left; 0 = from the right, 90 = from above
  private static final double ELEVATION_DEG = 35; // above the image plane, towards the viewer
  private static final double AMBIENT = 0.3;
  private static final double KEY = 1.25;
  private static final double WARMTH = 0.07;
  private static final double DIRECTION_SIGMA_DEG = 3.0;
  private static final double INTENSITY_SIGMA = 0.05;
  private static final double TEMPERATURE_SIGMA = 0.012;
  /** How far the dome bulges: 0 is a flat wall (uniform light), 1 a full hemisphere edge to edge. */
  private static final double BULGE = 0.9;

  private final long seed;

  Relight(long seed) {
    this.seed = seed;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public RgbImage edit(RgbImage frame, int frameIndex) {
    FrameJitter jitter = new FrameJitter(seed, frameIndex);
    double azimuth = Math.toRadians(jitter.plus(AZIMUTH_DEG, DIRECTION_SIGMA_DEG));
    double elevation = Math.toRadians(jitter.plus(ELEVATION_DEG, DIRECTION_SIGMA_DEG));
    float key = (float) jitter.times(KEY, INTENSITY_SIGMA);
    double warmth = jitter.plus(WARMTH, TEMPERATURE_SIGMA);
    float lx = (float) (Math.cos(elevation) * Math.cos(azimuth));
    float ly = (float) (Math.cos(elevation) * Math.sin(azimuth));
    float lz = (float) Math.sin(elevation);
    float[] tint = {(float) (1 + warmth), (float) (1 + 0.25 * warmth), (float) (1 - warmth)};

    int w = frame.width();
    int h = frame.height();
    byte[] in = frame.rgb();
    byte[] out = new byte[in.length];
    float half = Math.max(w, h) / 2f;
    for (int y = 0; y < h; y++) {
      float ny = (float) (-(y + 0.5f - h / 2f) / half * BULGE); // image y points down, light y up
      for (int x = 0; x < w; x++) {
        float nx = (float) ((x + 0.5f - w / 2f) / half * BULGE);
        float nz = (float) Math.sqrt(Math.max(0.0, 1 - nx * nx - ny * ny));
        float d = nx * lx + ny * ly + nz * lz;
        float irradiance = 0.25f + 0.5f * d + 0.3125f * (1.5f * d * d - 0.5f);
        float gain = (float) AMBIENT + key * irradiance;
        int o = (y * w + x) * 3;
        for (int c = 0; c < 3; c++) {
          out[o + c] = Srgb.fromLinear(Srgb.toLinear(in[o + c] & 0xff) * gain * tint[c]);
        }
      }
    }
    return new RgbImage(w, h, out);
  }
}
