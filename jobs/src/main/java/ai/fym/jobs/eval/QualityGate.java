package ai.fym.jobs.eval;

import ai.fym.engine.config.FymConfig;
import ai.fym.engine.correct.SourceCorrector;
import ai.fym.jobs.tables.DeltaStore;
import ai.fym.jobs.tables.Tables;
import ai.fym.udfs.eval.EvalSchemas;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * Quality gates for dataset cleaning: each (clip, edit, method) row of {@code metrics} passes or is
 * rejected against the thresholds in configuration ({@code fym.qc.*}), with the failed thresholds as
 * reasons, in the {@code qc} table. A (clip, edit) whose best method still fails is listed for review. The
 * unedited source is the reference, not a method: its rows get the verdict {@code REFERENCE}, count neither
 * as passed nor as rejected, and never decide whether a (clip, edit) has a passing method.
 */
public final class QualityGate {
  private final SparkSession spark;
  private final FymConfig config;
  private final DeltaStore store;

  public QualityGate(SparkSession spark, FymConfig config, DeltaStore store) {
    this.spark = spark;
    this.config = config;
    this.store = store;
  }

  /** Verdict of the reference rows. */
  public static final String REFERENCE = "REFERENCE";

  /** The outcome: verdict counts and the (identity/clip/edit) keys whose every method was rejected. */
  public record Outcome(int passed, int rejected, List<String> review) {}

  public Outcome run(Selection selection) {
    List<Row> metrics = selection.apply(store.read(Tables.METRICS)).collectAsList();
    List<Row> verdicts = new ArrayList<>();
    Map<String, Boolean> anyPass = new TreeMap<>();
    int passed = 0;
    Timestamp now = new Timestamp(System.currentTimeMillis());
    int references = 0;
    for (Row m : metrics) {
      if (SourceCorrector.NAME.equals(m.getAs("method"))) {
        references++;
        verdicts.add(RowFactory.create(m.getAs("identity"), m.getAs("clip"), m.getAs("edit"), m.getAs("method"),
            m.getAs("config_hash"), REFERENCE, null, now));
        continue;
      }
      List<String> reasons = reasons(m);
      boolean pass = reasons.isEmpty();
      passed += pass ? 1 : 0;
      String key = m.getAs("identity") + "/" + m.getAs("clip") + " " + m.getAs("edit");
      anyPass.merge(key, pass, Boolean::logicalOr);
      verdicts.add(RowFactory.create(m.getAs("identity"), m.getAs("clip"), m.getAs("edit"), m.getAs("method"),
          m.getAs("config_hash"), pass ? "PASS" : "REJECT", pass ? null : String.join("; ", reasons), now));
    }
    if (!verdicts.isEmpty()) {
      store.upsert(Tables.QC, spark.createDataFrame(verdicts, EvalSchemas.QC));
    }
    List<String> review = anyPass.entrySet().stream().filter(e -> !e.getValue()).map(Map.Entry::getKey).toList();
    return new Outcome(passed, verdicts.size() - references - passed, review);
  }

  /** The thresholds a metrics row fails, as readable reasons; a missing (null) metric is not judged. */
  List<String> reasons(Row m) {
    Map<String, double[]> checks = new LinkedHashMap<>();
    checks.put("warp_short", new double[] {config.getDouble(FymConfig.QC_MAX_WARP_SHORT), 1});
    checks.put("warp_long", new double[] {config.getDouble(FymConfig.QC_MAX_WARP_LONG), 1});
    checks.put("flicker", new double[] {config.getDouble(FymConfig.QC_MAX_FLICKER), 1});
    checks.put("landmark_error", new double[] {config.getDouble(FymConfig.QC_MAX_LANDMARK_ERROR), 1});
    checks.put("edit_fidelity", new double[] {config.getDouble(FymConfig.QC_MIN_EDIT_FIDELITY), -1});
    List<String> out = new ArrayList<>();
    checks.forEach((column, limit) -> {
      Double v = m.getAs(column);
      if (v != null && (limit[1] > 0 ? v > limit[0] : v < limit[0])) {
        out.add(String.format(Locale.ROOT, "%s %.3f %s %.3f", column, v, limit[1] > 0 ? ">" : "<", limit[0]));
      }
    });
    return out;
  }
}
