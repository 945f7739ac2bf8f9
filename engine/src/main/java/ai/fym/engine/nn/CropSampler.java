package ai.fym.engine.nn;

import ai.fym.engine.geom.Box;
import ai.fym.engine.image.RgbImage;

/**
 * Fills a network input map from a window of an image: bilinear resampling (pixel centres aligned,
 * border pixels repeated outside the image) straight into floats with per-channel mean subtraction
 * and scaling, so no intermediate image is allocated per call.
 */
public final class CropSampler {
  private CropSampler() {}

  /**
   * Samples {@code window} of {@code image} into {@code out} (3 channels, size = out's interior),
   * storing {@code (value - mean[c]) * scale}.
   */
  public static void sample(RgbImage image, Box window, float[] mean, float scale, FeatureMap out) {
    if (out.channels() != 3) {
      throw new IllegalArgumentException("an RGB input map needs 3 channels, got " + out.channels());
    }
    int w = image.width();
    int h = image.height();
    byte[] rgb = image.rgb();
    float[] dst = out.data();
    float sx = window.width() / out.width();
    float sy = window.height() / out.height();
    for (int oy = 0; oy < out.height(); oy++) {
      float fy = window.y() + (oy + 0.5f) * sy - 0.5f;
      int y0 = (int) Math.floor(fy);
      float wy = fy - y0;
      int row0 = clamp(y0, h) * w;
      int row1 = clamp(y0 + 1, h) * w;
      for (int ox = 0; ox < out.width(); ox++) {
        float fx = window.x() + (ox + 0.5f) * sx - 0.5f;
        int x0 = (int) Math.floor(fx);
        float wx = fx - x0;
        int i00 = (row0 + clamp(x0, w)) * 3;
        int i01 = (row0 + clamp(x0 + 1, w)) * 3;
        int i10 = (row1 + clamp(x0, w)) * 3;
        int i11 = (row1 + clamp(x0 + 1, w)) * 3;
        int o = out.offset(oy, ox);
        for (int c = 0; c < 3; c++) {
          float top = (rgb[i00 + c] & 0xff) * (1 - wx) + (rgb[i01 + c] & 0xff) * wx;
          float bottom = (rgb[i10 + c] & 0xff) * (1 - wx) + (rgb[i11 + c] & 0xff) * wx;
          dst[o + c] = (top * (1 - wy) + bottom * wy - mean[c]) * scale;
        }
      }
    }
  }

  private static int clamp(int v, int size) {
    return Math.min(size - 1, Math.max(0, v));
  }
}
