package ai.fym.jobs.cli;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** {@code bin/fym sql "QUERY"}: Spark SQL over the project's Delta tables, printed as a table. */
final class SqlCommand implements Command {
  @Override
  public String name() {
    return "sql";
  }

  @Override
  public String summary() {
    return "run Spark SQL over the Delta tables (each registered under its name)";
  }

  @Override
  public List<String> options() {
    return List.of("limit");
  }

  @Override
  public String help() {
    return """
        usage: bin/fym [global options] sql "QUERY" [--limit N]

        Registers every existing table of the output root (clips, shots, tracks, frames, quarantine, ...) as
        a view under its own name and prints the query's result (first N rows, default 50; binary columns
        such as crop_png are shown abbreviated).

        example:
          bin/fym sql "select identity, count(*) as frames from frames group by identity order by 1"
        """;
  }

  @Override
  public int run(Context ctx, Args args) {
    if (args.positional().size() != 1) {
      throw new IllegalArgumentException("give exactly one query in quotes, e.g. bin/fym sql \"select * from clips\"");
    }
    List<String> views = ctx.store().registerViews();
    if (views.isEmpty()) {
      ctx.out().println("No tables under " + ctx.outRoot() + " yet: run bin/fym ingest or bin/fym demo first.");
      return 1;
    }
    int limit = Integer.parseInt(args.get("limit", "50"));
    Dataset<Row> result = ctx.spark().sql(args.positional().get(0));
    ctx.out().print(TablePrinter.format(result, limit));
    return 0;
  }
}
