package ai.fym.engine.track;

import ai.fym.engine.geom.Box;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns a track's per-frame face boxes into temporally smooth square crop windows of side
 * {@code scale x} the face size, so that face crops neither jitter nor lag behind the face.
 *
 * <p>Centre x, centre y and face size are each smoothed by a robust local-quadratic regression over
 * time (LOESS with a Gaussian kernel): for every frame a parabola is fitted to its neighbours, weighted
 * by a Gaussian of the frame distance. It is zero-phase (uses past and future frames symmetrically) and
 * reproduces steady and uniformly accelerating motion exactly, even at the ends of a track, so it
 * removes jitter without lag and without cutting the corners of a swaying head (a plain moving average
 * or a local line would). Two robustness passes (bisquare weights on the residuals, cut off at six
 * median absolute residuals) keep a single wild detection from pulling the crop. The size gets a
 * longer kernel than the centre because zoom flicker is more visible than small shifts.
 */
public final class CropSmoother {
  public static final float DEFAULT_SCALE = 1.8f;
  public static final float DEFAULT_CENTRE_SIGMA = 4f;
  public static final float DEFAULT_SIZE_SIGMA = 6f;
  private static final double BISQUARE_CUTOFF = 6.0;
  private static final double MIN_RESIDUAL = 1e-3;
  private static final int ROBUST_PASSES = 2;
  /** Smallest relative determinant accepted before lowering the fitted polynomial's degree. */
  private static final double CONDITION = 1e-6;

  private final float scale;
  private final float centreSigma;
  private final float sizeSigma;

  /** Crops 1.8 times the face size, centre smoothed over sigma = 4 frames and size over 6 frames. */
  public CropSmoother() {
    this(DEFAULT_SCALE, DEFAULT_CENTRE_SIGMA, DEFAULT_SIZE_SIGMA);
  }

  /**
   * @param scale crop side as a multiple of the face box's larger side
   * @param centreSigma Gaussian kernel width, in frames, for the crop centre (0 disables smoothing)
   * @param sizeSigma Gaussian kernel width, in frames, for the crop size (0 disables smoothing)
   */
  public CropSmoother(float scale, float centreSigma, float sizeSigma) {
    if (!(scale > 0f) || !(centreSigma >= 0f) || !(sizeSigma >= 0f)) {
      throw new IllegalArgumentException("need scale > 0 and sigmas >= 0, got " + scale + ", "
          + centreSigma + ", " + sizeSigma);
    }
    this.scale = scale;
    this.centreSigma = centreSigma;
    this.sizeSigma = sizeSigma;
  }

  /** Smoothed square crop windows, one per frame of the track. */
  public List<Box> smooth(Track track) {
    return smooth(track.boxes());
  }

  /** Smoothed square crop windows, one per box of a consecutive-frame sequence. */
  public List<Box> smooth(List<Box> faceBoxes) {
    int n = faceBoxes.size();
    double[] cx = new double[n];
    double[] cy = new double[n];
    double[] side = new double[n];
    for (int i = 0; i < n; i++) {
      Box b = faceBoxes.get(i);
      cx[i] = b.centerX();
      cy[i] = b.centerY();
      side[i] = Math.max(b.width(), b.height());
    }
    double[] sx = robustLocalQuadratic(cx, centreSigma);
    double[] sy = robustLocalQuadratic(cy, centreSigma);
    double[] ss = robustLocalQuadratic(side, sizeSigma);
    List<Box> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      float s = (float) (Math.max(1.0, ss[i]) * scale);
      out.add(new Box((float) sx[i] - s / 2, (float) sy[i] - s / 2, s, s));
    }
    return out;
  }

  /** Robust Gaussian-weighted local-quadratic smoothing of a series sampled at consecutive frames. */
  static double[] robustLocalQuadratic(double[] y, double sigma) {
    if (sigma <= 0 || y.length < 3) {
      return y.clone();
    }
    double[] robustness = new double[y.length];
    Arrays.fill(robustness, 1.0);
    double[] fit = localQuadratic(y, sigma, robustness);
    double[] residual = new double[y.length];
    for (int pass = 0; pass < ROBUST_PASSES; pass++) {
      for (int i = 0; i < y.length; i++) {
        residual[i] = Math.abs(y[i] - fit[i]);
      }
      double cutoff = BISQUARE_CUTOFF * median(residual);
      if (cutoff < MIN_RESIDUAL) {
        return fit;
      }
      for (int i = 0; i < y.length; i++) {
        double r = residual[i] / cutoff;
        robustness[i] = r >= 1 ? 0 : (1 - r * r) * (1 - r * r);
      }
      fit = localQuadratic(y, sigma, robustness);
    }
    return fit;
  }

  private static double[] localQuadratic(double[] y, double sigma, double[] robustness) {
    int radius = (int) Math.ceil(3 * sigma);
    double[] kernel = new double[radius + 1];
    for (int d = 0; d <= radius; d++) {
      kernel[d] = Math.exp(-0.5 * d * d / (sigma * sigma));
    }
    double[] out = new double[y.length];
    double[] m = new double[5];
    double[] t = new double[3];
    for (int i = 0; i < y.length; i++) {
      Arrays.fill(m, 0);
      Arrays.fill(t, 0);
      for (int j = Math.max(0, i - radius); j <= Math.min(y.length - 1, i + radius); j++) {
        int d = j - i;
        double w = kernel[Math.abs(d)] * robustness[j];
        double p = w;
        for (int k = 0; k < 5; k++) {
          m[k] += p;
          if (k < 3) {
            t[k] += p * y[j];
          }
          p *= d;
        }
      }
      out[i] = intercept(m, t, y[i]);
    }
    return out;
  }

  /**
   * The value at d = 0 of the weighted least-squares polynomial with moments {@code m[k] = sum w d^k}
   * and {@code t[k] = sum w d^k y}: quadratic when well conditioned, else linear, else the weighted mean.
   */
  private static double intercept(double[] m, double[] t, double fallback) {
    double det2 = m[0] * (m[2] * m[4] - m[3] * m[3]) - m[1] * (m[1] * m[4] - m[3] * m[2])
        + m[2] * (m[1] * m[3] - m[2] * m[2]);
    if (det2 > CONDITION * m[0] * m[2] * m[4]) {
      return (t[0] * (m[2] * m[4] - m[3] * m[3]) - m[1] * (t[1] * m[4] - m[3] * t[2])
          + m[2] * (t[1] * m[3] - m[2] * t[2])) / det2;
    }
    double det1 = m[0] * m[2] - m[1] * m[1];
    if (det1 > CONDITION * m[0] * m[2]) {
      return (m[2] * t[0] - m[1] * t[1]) / det1;
    }
    return m[0] > 0 ? t[0] / m[0] : fallback;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int m = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[m] : 0.5 * (sorted[m - 1] + sorted[m]);
  }
}
