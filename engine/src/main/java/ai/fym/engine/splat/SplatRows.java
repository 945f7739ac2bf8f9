package ai.fym.engine.splat;

/**
 * Walks one splat over one tile row by row: for each row, the span of columns whose pixel centres lie inside the
 * splat's 1/255 ellipse (the roots of a quadratic in x), and at the span's first pixel the exponent, its step to
 * the next pixel and the Gaussian and step ratio, so that a row costs two {@code exp} calls and each pixel a few
 * multiplications: along a row the exponent is a quadratic in x, so {@code exp(power)} advances by a ratio that
 * itself shrinks by the constant {@code exp(-a)}.
 */
final class SplatRows {
  private static final double SPAN_MARGIN = 1e-3;

  double mx;
  double my;
  double a;
  double b;
  double c;
  double opacity;
  double minPower;
  private double inverseA;
  double decay;
  int rowFrom;
  int rowTo;

  int colFrom;
  int colTo;
  double dy;
  double power;
  double step;
  double gaussian;
  double ratio;

  /** Loads splat {@code i} for the tile with corner (x0, y0) and height {@code h}; rowFrom > rowTo when none. */
  void load(SplatArrays s, TileBins bins, int i, int y0, int h) {
    mx = s.means2d()[2 * i];
    my = s.means2d()[2 * i + 1];
    a = s.conics()[3 * i];
    b = s.conics()[3 * i + 1];
    c = s.conics()[3 * i + 2];
    opacity = s.opacities()[i];
    minPower = bins.minPower()[i];
    decay = Math.exp(-a);
    inverseA = 1 / a;
    double ey = bins.extents()[2 * i + 1];
    rowFrom = Math.max(y0, (int) Math.ceil(my - ey - 0.5));
    rowTo = Math.min(y0 + h - 1, (int) Math.floor(my + ey - 0.5));
  }

  /** Sets the span of {@code row} within columns [x0, x1]; false when the row misses the ellipse. */
  boolean row(int row, int x0, int x1) {
    dy = my - (row + 0.5);
    double bdy = b * dy;
    double disc = bdy * bdy - a * (c * dy * dy + 2 * minPower);
    if (disc < 0) {
      return false;
    }
    double root = Math.sqrt(disc);
    colFrom = Math.max(x0, (int) Math.ceil(mx + (bdy - root) * inverseA - 0.5 - SPAN_MARGIN));
    colTo = Math.min(x1, (int) Math.floor(mx + (bdy + root) * inverseA - 0.5 + SPAN_MARGIN));
    if (colFrom > colTo) {
      return false;
    }
    double dx = mx - (colFrom + 0.5);
    power = -0.5 * (a * dx * dx + c * dy * dy) - bdy * dx;
    step = a * dx - 0.5 * a + bdy;
    gaussian = Math.exp(power);
    ratio = Math.exp(step);
    return true;
  }
}
