package ai.fym.jobs.cli;

import ai.fym.jobs.eval.QualityGate;
import ai.fym.jobs.eval.Selection;
import java.util.List;

/** {@code bin/fym qc}: quality gates on the metrics, for scheduled dataset-cleaning pipelines. */
final class QcCommand implements Command {
  @Override
  public String name() {
    return "qc";
  }

  @Override
  public String summary() {
    return "pass or reject each (clip, edit, method) on metric thresholds -> qc table";
  }

  @Override
  public List<String> options() {
    return List.of("clip", "identity", "edit", "fail-on-reject");
  }

  @Override
  public List<String> flags() {
    return List.of("fail-on-reject");
  }

  @Override
  public String help() {
    return """
        usage: bin/fym [global options] qc [--identity ID] [--clip ID] [--edit NAME] [--fail-on-reject]

        Judges every metrics row against the thresholds fym.qc.maxWarpShort, fym.qc.maxWarpLong,
        fym.qc.maxFlicker, fym.qc.maxLandmarkError and fym.qc.minEditFidelity (set them in a --conf file or with
        --set) and writes PASS or REJECT with the failed thresholds to the Delta table qc (REFERENCE for the
        unedited source, which is not judged). A (clip, edit) whose every method is rejected is listed for
        review; with --fail-on-reject the command then exits 3, so a scheduled pipeline can stop or alert.
        """;
  }

  @Override
  public int run(Context ctx, Args args) {
    Selection selection = new Selection(args.get("identity", null), args.get("clip", null), args.get("edit", null));
    QualityGate.Outcome o = new QualityGate(ctx.spark(), ctx.config(), ctx.store()).run(selection);
    ctx.out().printf("Quality gates: %d passed, %d rejected (table qc).%n", o.passed(), o.rejected());
    if (!o.review().isEmpty()) {
      ctx.out().println("For review, no method passes: " + String.join(", ", o.review()));
    }
    return args.has("fail-on-reject") && !o.review().isEmpty() ? 3 : 0;
  }
}
