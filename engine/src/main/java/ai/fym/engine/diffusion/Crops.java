package ai.fym.engine.diffusion;

import ai.fym.engine.geom.Box;
import ai.fym.engine.image.RgbImage;

/**
 * Pixel plumbing between full frames and the denoiser's crops: area-filtered sampling of a frame at given
 * positions, lookups in a trajectory map, agreement as confidence, positional encoding, low-pass, and pasting a
 * crop-resolution correction back into a full frame under a feathered mask.
 */
final class Crops {
  /** Luma difference (grey levels) at which the warped keyframe's confidence falls to 1/e. */
  static final float AGREEMENT_LEVELS = 24f;

  private Crops() {}

  /**
   * Samples {@code image} at the size x size positions {@code xy} (pixel index coordinates, interleaved), each the
   * mean of 3 x 3 bilinear taps spread over the crop pixel's footprint in the frame (estimated from the spacing of
   * neighbouring positions), as channel-major floats in [-1, 1].
   */
  static float[] sample(RgbImage image, float[] xy, int size) {
    int n = size * size;
    float[] out = new float[3 * n];
    float[] rgb = new float[3];
    for (int y = 0, p = 0; y < size; y++) {
      for (int x = 0; x < size; x++, p++) {
        int right = x + 1 < size ? p + 1 : p - 1;
        int down = y + 1 < size ? p + size : p - size;
        float sx = Math.abs(xy[2 * right] - xy[2 * p]) / 3f;
        float sy = Math.abs(xy[2 * down + 1] - xy[2 * p + 1]) / 3f;
        float r = 0;
        float g = 0;
        float b = 0;
        for (int j = -1; j <= 1; j++) {
          for (int i = -1; i <= 1; i++) {
            bilinear(image, xy[2 * p] + i * sx, xy[2 * p + 1] + j * sy, rgb);
            r += rgb[0];
            g += rgb[1];
            b += rgb[2];
          }
        }
        out[p] = r / (9f * 127.5f) - 1f;
        out[n + p] = g / (9f * 127.5f) - 1f;
        out[2 * n + p] = b / (9f * 127.5f) - 1f;
      }
    }
    return out;
  }

  /** Bilinear RGB at (x, y) in pixel index coordinates, border clamped. */
  static void bilinear(RgbImage image, float x, float y, float[] rgb) {
    int w = image.width();
    int h = image.height();
    float cx = Math.min(w - 1f, Math.max(0f, x));
    float cy = Math.min(h - 1f, Math.max(0f, y));
    int x0 = (int) cx;
    int y0 = (int) cy;
    int x1 = Math.min(w - 1, x0 + 1);
    int y1 = Math.min(h - 1, y0 + 1);
    float ax = cx - x0;
    float ay = cy - y0;
    byte[] d = image.rgb();
    for (int c = 0; c < 3; c++) {
      float top = (d[(y0 * w + x0) * 3 + c] & 0xff) * (1 - ax) + (d[(y0 * w + x1) * 3 + c] & 0xff) * ax;
      float bottom = (d[(y1 * w + x0) * 3 + c] & 0xff) * (1 - ax) + (d[(y1 * w + x1) * 3 + c] & 0xff) * ax;
      rgb[c] = top * (1 - ay) + bottom * ay;
    }
  }

  /** The trajectory map (interleaved x, y per frame pixel) read bilinearly at (x, y), into {@code out[2p..]}. */
  static void mapAt(float[] map, int w, int h, float x, float y, float[] out, int p) {
    float cx = Math.min(w - 1f, Math.max(0f, x));
    float cy = Math.min(h - 1f, Math.max(0f, y));
    int x0 = (int) cx;
    int y0 = (int) cy;
    int x1 = Math.min(w - 1, x0 + 1);
    int y1 = Math.min(h - 1, y0 + 1);
    float ax = cx - x0;
    float ay = cy - y0;
    for (int c = 0; c < 2; c++) {
      float top = map[2 * (y0 * w + x0) + c] * (1 - ax) + map[2 * (y0 * w + x1) + c] * ax;
      float bottom = map[2 * (y1 * w + x0) + c] * (1 - ax) + map[2 * (y1 * w + x1) + c] * ax;
      out[2 * p + c] = top * (1 - ay) + bottom * ay;
    }
  }

  /** Confidence per pixel: exp(-(luma difference / AGREEMENT_LEVELS)^2) between two crops in [-1, 1]. */
  static float[] agreement(float[] a, float[] b, int n) {
    float[] out = new float[n];
    for (int p = 0; p < n; p++) {
      float d = 0.299f * (a[p] - b[p]) + 0.587f * (a[n + p] - b[n + p]) + 0.114f * (a[2 * n + p] - b[2 * n + p]);
      float levels = d * 127.5f / AGREEMENT_LEVELS;
      out[p] = (float) Math.exp(-levels * levels);
    }
    return out;
  }

  /** sin and cos of 2^k pi of x, y, t, k = 0, 1, ..., filling {@code channels} per point (point-major). */
  static float[] positional(float[] xyt, int n, int channels) {
    float[] out = new float[n * channels];
    for (int p = 0; p < n; p++) {
      for (int c = 0; c < channels; c++) {
        int axis = c % 3;
        int k = c / 6;
        double angle = Math.PI * (1 << k) * xyt[3 * p + axis];
        out[p * channels + c] = (float) ((c / 3) % 2 == 0 ? Math.sin(angle) : Math.cos(angle));
      }
    }
    return out;
  }

  /** Point-major (n, channels) to channel-major (channels, n). */
  static float[] channelMajor(float[] values, int n, int channels) {
    float[] out = new float[values.length];
    for (int p = 0; p < n; p++) {
      for (int c = 0; c < channels; c++) {
        out[c * n + p] = values[p * channels + c];
      }
    }
    return out;
  }

  /** Box-averages a channel-major 3 x size x size image by {@code factor} and upsamples it back bilinearly. */
  static float[] lowPass(float[] image, int size, int factor) {
    int small = size / factor;
    int n = size * size;
    float[] coarse = new float[3 * small * small];
    for (int c = 0; c < 3; c++) {
      for (int y = 0; y < size; y++) {
        for (int x = 0; x < size; x++) {
          coarse[(c * small + y / factor) * small + x / factor] += image[c * n + y * size + x];
        }
      }
    }
    for (int i = 0; i < coarse.length; i++) {
      coarse[i] /= factor * factor;
    }
    float[] out = new float[3 * n];
    for (int c = 0; c < 3; c++) {
      for (int y = 0; y < size; y++) {
        float fy = Math.min(small - 1f, Math.max(0f, (y + 0.5f) / factor - 0.5f));
        int y0 = (int) fy;
        int y1 = Math.min(small - 1, y0 + 1);
        float ay = fy - y0;
        for (int x = 0; x < size; x++) {
          float fx = Math.min(small - 1f, Math.max(0f, (x + 0.5f) / factor - 0.5f));
          int x0 = (int) fx;
          int x1 = Math.min(small - 1, x0 + 1);
          float ax = fx - x0;
          int base = c * small * small;
          float top = coarse[base + y0 * small + x0] * (1 - ax) + coarse[base + y0 * small + x1] * ax;
          float bottom = coarse[base + y1 * small + x0] * (1 - ax) + coarse[base + y1 * small + x1] * ax;
          out[c * n + y * size + x] = top * (1 - ay) + bottom * ay;
        }
      }
    }
    return out;
  }

  /**
   * Adds a crop-resolution correction {@code delta} (channel-major, [-1, 1] units) to {@code frame} inside
   * {@code window}, upsampled bilinearly and faded out over the outer {@code feather} fraction of the window on
   * every side (a smooth-step), so the pasted region has no visible edge.
   */
  static RgbImage paste(RgbImage frame, float[] delta, Box window, int size, float feather) {
    int w = frame.width();
    int h = frame.height();
    byte[] out = frame.rgb().clone();
    int n = size * size;
    float step = window.width() / size;
    int x0 = Math.max(0, (int) Math.floor(window.x()));
    int y0 = Math.max(0, (int) Math.floor(window.y()));
    int x1 = Math.min(w - 1, (int) Math.ceil(window.x() + window.width()));
    int y1 = Math.min(h - 1, (int) Math.ceil(window.y() + window.height()));
    for (int y = y0; y <= y1; y++) {
      float v = (y + 0.5f - window.y()) / window.height();
      float cy = Math.min(size - 1f, Math.max(0f, (y + 0.5f - window.y()) / step - 0.5f));
      int r0 = (int) cy;
      int r1 = Math.min(size - 1, r0 + 1);
      float ay = cy - r0;
      for (int x = x0; x <= x1; x++) {
        float u = (x + 0.5f - window.x()) / window.width();
        float mask = fade(u, feather) * fade(v, feather);
        if (mask <= 0) {
          continue;
        }
        float cx = Math.min(size - 1f, Math.max(0f, (x + 0.5f - window.x()) / step - 0.5f));
        int c0 = (int) cx;
        int c1 = Math.min(size - 1, c0 + 1);
        float ax = cx - c0;
        for (int c = 0; c < 3; c++) {
          int base = c * n;
          float top = delta[base + r0 * size + c0] * (1 - ax) + delta[base + r0 * size + c1] * ax;
          float bottom = delta[base + r1 * size + c0] * (1 - ax) + delta[base + r1 * size + c1] * ax;
          int i = (y * w + x) * 3 + c;
          float value = (out[i] & 0xff) + mask * 127.5f * (top * (1 - ay) + bottom * ay);
          out[i] = (byte) Math.round(Math.min(255f, Math.max(0f, value)));
        }
      }
    }
    return new RgbImage(w, h, out);
  }

  /** 0 outside [0, 1], 1 inside [feather, 1 - feather], a smooth-step in between. */
  private static float fade(float u, float feather) {
    float d = Math.min(u, 1 - u);
    if (d <= 0) {
      return 0;
    }
    if (d >= feather) {
      return 1;
    }
    float s = d / feather;
    return s * s * (3 - 2 * s);
  }

  /**
   * {@code values} with every NaN or infinity replaced by 0 (in place), so one bad condition value (a field
   * feature, a carried pixel) cannot turn a training batch or a sampled shot into NaN.
   */
  static float[] finite(float[] values) {
    for (int i = 0; i < values.length; i++) {
      if (!Float.isFinite(values[i])) {
        values[i] = 0f;
      }
    }
    return values;
  }

  /** Whether every value is finite (landmarks with a NaN count as unknown). */
  static boolean allFinite(float[] values) {
    for (float v : values) {
      if (!Float.isFinite(v)) {
        return false;
      }
    }
    return true;
  }
}
