package ai.fym.jobs.cli;

import ai.fym.jobs.report.ReportWriter;
import java.nio.file.Path;
import java.util.List;

/** {@code bin/fym report}: a static HTML page with charts over the evaluation tables. */
final class ReportCommand implements Command {
  @Override
  public String name() {
    return "report";
  }

  @Override
  public String summary() {
    return "write the HTML report (frame strips, warp-error curves, metrics, qc) under <out>/report";
  }

  @Override
  public List<String> options() {
    return List.of();
  }

  @Override
  public String help() {
    return """
        usage: bin/fym [global options] report

        Writes <out>/report/index.html with PNG charts: a corpus summary table (mean of each metric per method,
        best highlighted), then per clip and edit a before/after frame strip (source, edit, every method), each
        method's per-frame short warp-error curve with the shot cuts, the metrics table and the qc verdicts.
        Self-contained: open it in any browser, no network needed.
        """;
  }

  @Override
  public int run(Context ctx, Args args) throws Exception {
    Path index = new ReportWriter(ctx.spark(), ctx.store(), ctx.outRoot()).write();
    ctx.out().println("Report written: " + index.toAbsolutePath());
    return 0;
  }
}
