package ai.fym.engine.splat;

/**
 * Walks one splat over one tile row by row: for each row, the span of columns whose pixel centres lie inside the
 * splat's 1/255 ellipse (the roots of a quadratic in x), and at the span's first pixel the exponent and the
 * Gaussian with their steps to the next pixel, so that each pixel costs a few multiplications and no {@code exp}.
 *
 * <p>The exponent is a quadratic in (x, y), so one pixel step right or down changes it by an amount that is
 * itself linear, and {@code exp} of the step changes by the constant factors {@code exp(-a)}, {@code exp(-b)},
 * {@code exp(-c)}. A cursor carries the Gaussian and its right and down ratios from one row's span start to the
 * next (one step down, a few sideways), so a splat costs six {@code exp} calls per tile instead of two per row. It
 * starts afresh (three {@code exp}) on the first row, after a row without a span, and whenever the path would
 * dip so far below the ellipse that the Gaussian could underflow.
 */
final class SplatRows {
  private static final double SPAN_MARGIN = 1e-3;
  /** Lowest exponent a cursor path may reach; exp underflows double near -708. */
  private static final double LOWEST_PATH_POWER = -600;

  double mx;
  double my;
  double a;
  double b;
  double c;
  double opacity;
  double minPower;
  int rowFrom;
  int rowTo;
  /** exp(-a): the factor by which the right ratio shrinks per step right. */
  double decay;
  private double inverseA;
  private double expB;
  private double expC;
  private double inverseDecay;
  private double inverseExpB;

  int colFrom;
  int colTo;
  double dy;
  /** At (colFrom, row): the exponent, its step to the next column, the Gaussian and exp(step). */
  double power;
  double step;
  double gaussian;
  double ratio;
  private double stepDown;
  private double ratioDown;
  private int cursorRow;
  private int cursorCol;

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
    expB = Math.exp(-b);
    expC = Math.exp(-c);
    inverseA = 1 / a;
    inverseDecay = 1 / decay;
    inverseExpB = 1 / expB;
    double ey = bins.halfHeights()[i];
    rowFrom = Math.max(y0, (int) Math.ceil(my - ey - 0.5));
    rowTo = Math.min(y0 + h - 1, (int) Math.floor(my + ey - 0.5));
    cursorRow = Integer.MIN_VALUE;
  }

  /** Sets the span of {@code row} within columns [x0, x1]; false when the row misses the ellipse there. */
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
    if (cursorRow != row - 1 || !walk()) {
      start();
    }
    cursorRow = row;
    cursorCol = colFrom;
    return true;
  }

  /** The cursor at (colFrom, row) from the formulas. */
  private void start() {
    double dx = mx - (colFrom + 0.5);
    power = -0.5 * (a * dx * dx + c * dy * dy) - b * dx * dy;
    step = a * dx - 0.5 * a + b * dy;
    stepDown = c * dy - 0.5 * c + b * dx;
    gaussian = Math.exp(power);
    ratio = Math.exp(step);
    ratioDown = Math.exp(stepDown);
  }

  /** Moves the cursor one row down, then along the row to colFrom; false if its path dips too low. */
  private boolean walk() {
    power += stepDown;
    gaussian *= ratioDown;
    stepDown -= c;
    ratioDown *= expC;
    step -= b;
    ratio *= expB;
    double lowest = power;
    for (int x = cursorCol; x < colFrom; x++) {
      power += step;
      gaussian *= ratio;
      step -= a;
      ratio *= decay;
      stepDown -= b;
      ratioDown *= expB;
      lowest = Math.min(lowest, power);
    }
    for (int x = cursorCol; x > colFrom; x--) {
      step += a;
      ratio *= inverseDecay;
      power -= step;
      gaussian /= ratio;
      stepDown += b;
      ratioDown *= inverseExpB;
      lowest = Math.min(lowest, power);
    }
    return lowest > LOWEST_PATH_POWER;
  }
}
