package ai.fym.jobs.bench;

import java.util.Locale;

/** One measured figure and its target (0 = none); {@code lowerIsBetter} for times and memory. */
public record Figure(String name, double value, String unit, double target, boolean lowerIsBetter) {
  String line() {
    String ratio = target <= 0 ? "" : String.format(Locale.ROOT, "   target %s %.3g %s: %.2fx %s", lowerIsBetter
        ? "<=" : ">=", target, unit, lowerIsBetter ? target / value : value / target,
        (lowerIsBetter ? value <= target : value >= target) ? "(met)" : "(not met)");
    return String.format(Locale.ROOT, "  %-46s %9s %-9s%s", name, number(value), unit, ratio);
  }

  String markdownRow() {
    String ratio = target <= 0 ? "" : String.format(Locale.ROOT, "%s %.3g (%.2fx, %s)", lowerIsBetter ? "<=" : ">=",
        target, lowerIsBetter ? target / value : value / target,
        (lowerIsBetter ? value <= target : value >= target) ? "met" : "not met");
    return String.format(Locale.ROOT, "| %s | %s %s | %s |", name.trim(), number(value), unit, ratio);
  }

  /** Three decimals for small values (error scores), one for the rest. */
  private static String number(double v) {
    return String.format(Locale.ROOT, Math.abs(v) < 10 ? "%.3f" : "%.1f", v);
  }
}
