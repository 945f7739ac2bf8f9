package ai.fym.engine.image;

import ai.fym.engine.geom.Box;

/**
 * An 8-bit RGB image with interleaved pixels (row-major, 3 bytes per pixel, R first).
 * The one in-memory image type of the engine: decoders produce it, models and crops consume it.
 */
public final class RgbImage {
  private final int width;
  private final int height;
  private final byte[] rgb;

  public RgbImage(int width, int height, byte[] rgb) {
    if (width <= 0 || height <= 0 || rgb.length != width * height * 3) {
      throw new IllegalArgumentException(
          "image " + width + "x" + height + " needs " + (3L * width * height) + " bytes, got " + rgb.length);
    }
    this.width = width;
    this.height = height;
    this.rgb = rgb;
  }

  public static RgbImage blank(int width, int height) {
    return new RgbImage(width, height, new byte[width * height * 3]);
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  /** The backing array (not copied): pixel (x, y) channel c is at {@code (y * width + x) * 3 + c}. */
  public byte[] rgb() {
    return rgb;
  }

  /** Channel value 0..255 at an integer pixel, clamped to the border. */
  public int get(int x, int y, int c) {
    int cx = Math.min(width - 1, Math.max(0, x));
    int cy = Math.min(height - 1, Math.max(0, y));
    return rgb[(cy * width + cx) * 3 + c] & 0xff;
  }

  /** Mean luma (BT.601) over the whole image, 0..255. */
  public double meanLuma() {
    long sum = 0;
    for (int i = 0; i < rgb.length; i += 3) {
      sum += 299L * (rgb[i] & 0xff) + 587L * (rgb[i + 1] & 0xff) + 114L * (rgb[i + 2] & 0xff);
    }
    return sum / 1000.0 / (width * (double) height);
  }

  /**
   * Bilinear resample of {@code window} (may extend past the border, which is clamped) into a
   * {@code outWidth x outHeight} image.
   */
  public RgbImage resample(Box window, int outWidth, int outHeight) {
    byte[] out = new byte[outWidth * outHeight * 3];
    float sx = window.width() / outWidth;
    float sy = window.height() / outHeight;
    for (int oy = 0; oy < outHeight; oy++) {
      float fy = window.y() + (oy + 0.5f) * sy - 0.5f;
      int y0 = (int) Math.floor(fy);
      float wy = fy - y0;
      int r0 = Math.min(height - 1, Math.max(0, y0)) * width;
      int r1 = Math.min(height - 1, Math.max(0, y0 + 1)) * width;
      for (int ox = 0; ox < outWidth; ox++) {
        float fx = window.x() + (ox + 0.5f) * sx - 0.5f;
        int x0 = (int) Math.floor(fx);
        float wx = fx - x0;
        int c0 = Math.min(width - 1, Math.max(0, x0));
        int c1 = Math.min(width - 1, Math.max(0, x0 + 1));
        int o = (oy * outWidth + ox) * 3;
        for (int c = 0; c < 3; c++) {
          float top = (rgb[(r0 + c0) * 3 + c] & 0xff) * (1 - wx) + (rgb[(r0 + c1) * 3 + c] & 0xff) * wx;
          float bot = (rgb[(r1 + c0) * 3 + c] & 0xff) * (1 - wx) + (rgb[(r1 + c1) * 3 + c] & 0xff) * wx;
          out[o + c] = (byte) Math.round(top * (1 - wy) + bot * wy);
        }
      }
    }
    return new RgbImage(outWidth, outHeight, out);
  }
}
