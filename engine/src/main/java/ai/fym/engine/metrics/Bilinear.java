package ai.fym.engine.metrics;

/**
 * A reusable bilinear tap into a {@code width x height} interleaved RGB image, border clamped as in
 * {@link ai.fym.engine.motion.Warp#backward}: {@link #at} places it once per pixel, then
 * {@code value} reads any channel of any image of that size (bytes or floats) without recomputing
 * the weights.
 */
final class Bilinear {
  private final int width;
  private final int height;
  private int p00;
  private int p01;
  private int p10;
  private int p11;
  private float w00;
  private float w01;
  private float w10;
  private float w11;

  Bilinear(int width, int height) {
    this.width = width;
    this.height = height;
  }

  /** Places the tap at (x, y), clamped into the image. */
  void at(float x, float y) {
    float sx = Math.min(width - 1f, Math.max(0f, x));
    float sy = Math.min(height - 1f, Math.max(0f, y));
    int x0 = (int) sx;
    int y0 = (int) sy;
    int x1 = Math.min(width - 1, x0 + 1);
    int y1 = Math.min(height - 1, y0 + 1);
    float ax = sx - x0;
    float ay = sy - y0;
    p00 = (y0 * width + x0) * 3;
    p01 = (y0 * width + x1) * 3;
    p10 = (y1 * width + x0) * 3;
    p11 = (y1 * width + x1) * 3;
    w00 = (1 - ax) * (1 - ay);
    w01 = ax * (1 - ay);
    w10 = (1 - ax) * ay;
    w11 = ax * ay;
  }

  /** Channel {@code c} of an interleaved 3-channel float image at the tap. */
  float value(float[] image, int c) {
    return image[p00 + c] * w00 + image[p01 + c] * w01 + image[p10 + c] * w10 + image[p11 + c] * w11;
  }

  /** Channel {@code c} of {@code rgb} at the tap. */
  float value(byte[] rgb, int c) {
    return (rgb[p00 + c] & 0xff) * w00 + (rgb[p01 + c] & 0xff) * w01
        + (rgb[p10 + c] & 0xff) * w10 + (rgb[p11 + c] & 0xff) * w11;
  }
}
