package ai.fym.jobs.cli;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Prints the first rows of a result as a plain-text table. Long cells are cut to a width, binary
 * cells (face crops) are shown as their size, arrays by their first values and length.
 */
final class TablePrinter {
  private static final int MAX_CELL = 60;

  private TablePrinter() {}

  static String format(Dataset<Row> result, int limit) {
    String[] columns = result.columns();
    List<Row> rows = result.limit(limit + 1).collectAsList();
    List<String[]> cells = new ArrayList<>();
    cells.add(columns);
    for (Row r : rows.subList(0, Math.min(limit, rows.size()))) {
      String[] line = new String[columns.length];
      for (int i = 0; i < columns.length; i++) {
        line[i] = cell(r.get(i));
      }
      cells.add(line);
    }
    int[] width = new int[columns.length];
    for (String[] line : cells) {
      for (int i = 0; i < line.length; i++) {
        width[i] = Math.max(width[i], line[i].length());
      }
    }
    StringBuilder b = new StringBuilder();
    String rule = rule(width);
    b.append(rule);
    for (int n = 0; n < cells.size(); n++) {
      String[] line = cells.get(n);
      b.append('|');
      for (int i = 0; i < line.length; i++) {
        b.append(' ').append(String.format("%-" + width[i] + "s", line[i])).append(" |");
      }
      b.append('\n');
      if (n == 0) {
        b.append(rule);
      }
    }
    b.append(rule);
    b.append(rows.size() > limit ? "(first " + limit + " rows shown)\n" : rows.size() + " row(s)\n");
    return b.toString();
  }

  private static String rule(int[] width) {
    StringBuilder b = new StringBuilder("+");
    for (int w : width) {
      b.append("-".repeat(w + 2)).append('+');
    }
    return b.append('\n').toString();
  }

  private static String cell(Object v) {
    String s;
    if (v == null) {
      s = "null";
    } else if (v instanceof byte[] bytes) {
      s = "<" + bytes.length + " bytes>";
    } else if (v instanceof scala.collection.Seq<?> seq) {
      s = "[" + seq.take(4).mkString(", ") + (seq.size() > 4 ? ", ... (" + seq.size() + ")" : "") + "]";
    } else {
      s = v.toString();
    }
    s = s.replace('\n', ' ');
    return s.length() > MAX_CELL ? s.substring(0, MAX_CELL - 3) + "..." : s;
  }
}
