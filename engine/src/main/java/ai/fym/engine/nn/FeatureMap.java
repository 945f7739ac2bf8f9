package ai.fym.engine.nn;

import java.util.Arrays;

/**
 * A float activation map in NHWC order (one image: rows, columns, channels innermost) surrounded by
 * a zero border of {@code border} pixels, so convolutions with "same" padding read the border
 * instead of testing bounds. Channels innermost keeps the per-pixel channel vectors contiguous,
 * which is what the vectorised kernels in this package loop over. Mutable scratch: each thread
 * owns its maps; kernels write only the interior, so the border stays zero.
 */
public final class FeatureMap {
  private final int height;
  private final int width;
  private final int channels;
  private final int border;
  private final float[] data;

  public FeatureMap(int height, int width, int channels, int border) {
    if (height <= 0 || width <= 0 || channels <= 0 || border < 0) {
      throw new IllegalArgumentException("bad feature map " + height + "x" + width + "x" + channels);
    }
    this.height = height;
    this.width = width;
    this.channels = channels;
    this.border = border;
    this.data = new float[(height + 2 * border) * (width + 2 * border) * channels];
  }

  public int height() {
    return height;
  }

  public int width() {
    return width;
  }

  public int channels() {
    return channels;
  }

  public int border() {
    return border;
  }

  /** The backing array, border included. */
  public float[] data() {
    return data;
  }

  /** Index in {@link #data()} of channel 0 at row y, column x; both may reach into the border. */
  public int offset(int y, int x) {
    return ((y + border) * (width + 2 * border) + x + border) * channels;
  }

  /** Distance in {@link #data()} between vertically adjacent pixels. */
  public int rowStride() {
    return (width + 2 * border) * channels;
  }

  /** Mean over all interior pixels of each channel, written to {@code out[0..channels)}. */
  public void meanPerChannel(float[] out) {
    Arrays.fill(out, 0, channels, 0f);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int o = offset(y, x);
        for (int c = 0; c < channels; c++) {
          out[c] += data[o + c];
        }
      }
    }
    float inv = 1f / (height * width);
    for (int c = 0; c < channels; c++) {
      out[c] *= inv;
    }
  }
}
