package ai.fym.jobs.report;

import ai.fym.jobs.report.HtmlPage.Cell;
import ai.fym.jobs.report.ReportData.MetricRow;
import ai.fym.jobs.report.ReportData.Summary;
import ai.fym.jobs.report.ReportData.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The report's tables as headings and cells: corpus means per method, one clip and edit's metrics, and
 * quality-gate verdicts. In the metric tables the best value of each column (by {@link Metric}'s
 * direction) is marked, every row holding it when several tie.
 */
final class MetricTables {
  private MetricTables() {}

  static List<String> summaryHeadings() {
    List<String> headings = new ArrayList<>(List.of("method", "config", "clip/edits", "frames"));
    for (Metric m : Metric.values()) {
      headings.add(m.heading());
    }
    return headings;
  }

  static List<List<Cell>> summaryRows(List<Summary> summaries) {
    boolean[][] best = best(summaries.stream().map(s -> s.key().reference() ? null : s.means()).toList());
    List<List<Cell>> rows = new ArrayList<>();
    for (int r = 0; r < summaries.size(); r++) {
      Summary s = summaries.get(r);
      List<Cell> row = new ArrayList<>(List.of(Cell.text(s.key().name()), Cell.text(s.key().configHash()),
          count(s.clipEdits()), count(s.frames())));
      addValues(row, s.means(), best[r]);
      rows.add(row);
    }
    return rows;
  }

  static List<String> clipHeadings() {
    List<String> headings = new ArrayList<>(List.of("method", "config", "frames"));
    for (Metric m : Metric.values()) {
      headings.add(m.heading());
    }
    return headings;
  }

  static List<List<Cell>> clipRows(List<MetricRow> metrics) {
    boolean[][] best = best(metrics.stream().map(m -> m.key().reference() ? null : m.values()).toList());
    List<List<Cell>> rows = new ArrayList<>();
    for (int r = 0; r < metrics.size(); r++) {
      MetricRow m = metrics.get(r);
      List<Cell> row = new ArrayList<>(List.of(Cell.text(m.key().name()), Cell.text(m.key().configHash()),
          count(m.frames())));
      addValues(row, m.values(), best[r]);
      rows.add(row);
    }
    return rows;
  }

  static List<String> verdictHeadings() {
    return List.of("method", "config", "verdict", "reasons");
  }

  static List<List<Cell>> verdictRows(List<Verdict> verdicts) {
    List<List<Cell>> rows = new ArrayList<>();
    for (Verdict v : verdicts) {
      String verdict = v.verdict().toLowerCase(Locale.ROOT);
      String css = verdict.equals("pass") || verdict.equals("reject") ? verdict : null;
      rows.add(List.of(Cell.text(v.key().name()), Cell.text(v.key().configHash()), new Cell(v.verdict(), css),
          Cell.text(v.reasons() == null ? "" : v.reasons())));
    }
    return rows;
  }

  /**
   * For rows of metric values (columns follow {@link Metric#values()}), whether each cell holds its
   * column's best value; NaN is never best, a null row (the reference) takes no part, and a column is marked
   * only when two or more rows compare.
   */
  static boolean[][] best(List<double[]> rows) {
    Metric[] metrics = Metric.values();
    boolean[][] out = new boolean[rows.size()][metrics.length];
    for (int c = 0; c < metrics.length; c++) {
      double best = Double.NaN;
      int finite = 0;
      for (double[] row : rows) {
        if (row != null && !Double.isNaN(row[c])) {
          finite++;
          if (metrics[c].better(row[c], best)) {
            best = row[c];
          }
        }
      }
      for (int r = 0; r < rows.size() && finite > 1; r++) {
        out[r][c] = rows.get(r) != null && rows.get(r)[c] == best;
      }
    }
    return out;
  }

  private static void addValues(List<Cell> row, double[] values, boolean[] best) {
    for (int c = 0; c < values.length; c++) {
      row.add(Cell.number(values[c], best[c]));
    }
  }

  private static Cell count(long n) {
    return new Cell(Long.toString(n), "num");
  }
}
