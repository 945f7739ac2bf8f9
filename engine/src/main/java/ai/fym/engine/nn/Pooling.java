package ai.fym.engine.nn;

/**
 * Max and average pooling with square windows and VALID padding (TF semantics: windows wholly
 * inside the input), over NHWC {@link FeatureMap}s.
 */
public final class Pooling {
  private Pooling() {}

  /** Output size along one axis of a VALID pool. */
  public static int outSize(int in, int window, int stride) {
    return Padding.VALID.outSize(in, window, stride);
  }

  /** Maximum over each {@code window x window} window, stepping by {@code stride}. */
  public static void max(FeatureMap in, int window, int stride, FeatureMap out) {
    pool(in, window, stride, out, true);
  }

  /** Mean over each {@code window x window} window, stepping by {@code stride}. */
  public static void average(FeatureMap in, int window, int stride, FeatureMap out) {
    pool(in, window, stride, out, false);
  }

  private static void pool(FeatureMap in, int window, int stride, FeatureMap out, boolean max) {
    int channels = in.channels();
    if (out.channels() != channels || out.height() != outSize(in.height(), window, stride)
        || out.width() != outSize(in.width(), window, stride)) {
      throw new IllegalArgumentException("pool output map has the wrong shape");
    }
    float[] src = in.data();
    float[] dst = out.data();
    float inv = 1f / (window * window);
    for (int oy = 0; oy < out.height(); oy++) {
      for (int ox = 0; ox < out.width(); ox++) {
        int o = out.offset(oy, ox);
        int first = in.offset(oy * stride, ox * stride);
        System.arraycopy(src, first, dst, o, channels);
        for (int ky = 0; ky < window; ky++) {
          for (int kx = 0; kx < window; kx++) {
            if (ky == 0 && kx == 0) {
              continue;
            }
            int i = in.offset(oy * stride + ky, ox * stride + kx);
            for (int c = 0; c < channels; c++) {
              dst[o + c] = max ? Math.max(dst[o + c], src[i + c]) : dst[o + c] + src[i + c];
            }
          }
        }
        if (!max) {
          for (int c = 0; c < channels; c++) {
            dst[o + c] *= inv;
          }
        }
      }
    }
  }
}
