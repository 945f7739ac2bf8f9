package ai.fym.engine.trajectory;

/** Bilinear sampling of interleaved RGB float images, with the spatial gradient the photometric loss needs. */
final class Sampling {
  private Sampling() {}

  /**
   * Samples {@code rgb} ({@code width x height}) at (x, y) in pixel-index coordinates into {@code out}: the three
   * values, then their derivatives along x, then along y. Returns false (leaving {@code out} alone) outside the
   * image.
   */
  static boolean rgbWithGradient(float[] rgb, int width, int height, float x, float y, float[] out) {
    if (!(x >= 0 && y >= 0 && x <= width - 1 && y <= height - 1)) {
      return false;
    }
    int x0 = Math.min(width - 2, (int) x);
    int y0 = Math.min(height - 2, (int) y);
    if (x0 < 0 || y0 < 0) {
      return false;
    }
    float ax = x - x0;
    float ay = y - y0;
    int p00 = 3 * (y0 * width + x0);
    int p01 = p00 + 3;
    int p10 = p00 + 3 * width;
    int p11 = p10 + 3;
    for (int c = 0; c < 3; c++) {
      float v00 = rgb[p00 + c];
      float v01 = rgb[p01 + c];
      float v10 = rgb[p10 + c];
      float v11 = rgb[p11 + c];
      float top = v00 + (v01 - v00) * ax;
      float bottom = v10 + (v11 - v10) * ax;
      out[c] = top + (bottom - top) * ay;
      out[3 + c] = (v01 - v00) * (1 - ay) + (v11 - v10) * ay;
      out[6 + c] = bottom - top;
    }
    return true;
  }
}
