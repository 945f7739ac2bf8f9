package ai.fym.jobs.eval;

import static org.apache.spark.sql.functions.col;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** The {@code --identity}, {@code --clip} and {@code --edit} narrowing of a command (null = all). */
public record Selection(String identity, String clip, String edit) {
  public static final Selection ALL = new Selection(null, null, null);

  /** Rows of a table with identity / clip (and edit, when the table has it) columns, narrowed. */
  public Dataset<Row> apply(Dataset<Row> rows) {
    Dataset<Row> out = rows;
    if (identity != null) {
      out = out.where(col("identity").equalTo(identity));
    }
    if (clip != null) {
      out = out.where(col("clip").equalTo(clip));
    }
    if (edit != null && java.util.Arrays.asList(rows.columns()).contains("edit")) {
      out = out.where(col("edit").equalTo(edit));
    }
    return out;
  }
}
