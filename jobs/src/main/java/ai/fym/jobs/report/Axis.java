package ai.fym.jobs.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A chart axis with "nice" bounds and ticks: the step is 1, 2 or 5 times a power of ten, chosen for
 * about six ticks, and the bounds are widened to whole steps. An empty or flat range becomes [v, v + 1].
 */
record Axis(double min, double max, double step) {
  private static final int TARGET_TICKS = 6;

  static Axis of(double lo, double hi) {
    if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
      return of(0, 1);
    }
    if (hi <= lo) {
      return of(lo, lo + 1);
    }
    double raw = (hi - lo) / (TARGET_TICKS - 1);
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    double fraction = raw / magnitude;
    double nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
    double step = nice * magnitude;
    return new Axis(Math.floor(lo / step) * step, Math.ceil(hi / step) * step, step);
  }

  /** The tick values from {@link #min} to {@link #max}. */
  List<Double> ticks() {
    List<Double> ticks = new ArrayList<>();
    long count = Math.round((max - min) / step);
    for (long i = 0; i <= count; i++) {
      ticks.add(min + i * step);
    }
    return ticks;
  }

  /** A tick label with as many decimals as the step needs. */
  String label(double value) {
    int decimals = (int) Math.max(0, Math.ceil(-Math.log10(step) - 1e-9));
    return String.format(Locale.ROOT, "%." + decimals + "f", value);
  }
}
