package ai.fym.jobs.report;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import ai.fym.engine.correct.SourceCorrector;
import ai.fym.jobs.tables.DeltaStore;
import ai.fym.jobs.tables.Tables;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;

/**
 * What the report shows, read from the evaluation tables into plain records: corpus means per method
 * and configuration (aggregated by Spark), and per clip and edit its videos, metrics, warp-error curves
 * and quality-gate verdicts. Only the per-frame columns the charts need are collected to the driver
 * (about a hundred bytes per frame and method), which bounds the report to corpora whose curves fit there.
 */
final class ReportData {
  /**
   * A method and configuration; {@code variant} names an ablation ({@code fym} with a switch off, empty
   * otherwise); {@code label} is what charts and strips show.
   */
  record MethodKey(String method, String configHash, String variant) implements Comparable<MethodKey> {
    String label() {
      return name() + (variant.isEmpty() ? "" : " (" + variant + ")") + " \u00b7 "
          + configHash.substring(0, Math.min(8, configHash.length()));
    }

    /** Whether this is the unedited source: the reference, the yardstick of the warp errors, not a method to rank. */
    boolean reference() {
      return SourceCorrector.NAME.equals(method);
    }

    /** The method's name as tables show it; the reference says so. */
    String name() {
      return reference() ? method + " (reference)" : method;
    }

    @Override
    public int compareTo(MethodKey o) {
      return Comparator.comparing(MethodKey::method).thenComparing(MethodKey::configHash).compare(this, o);
    }
  }

  /** An identity's clip and one of its edits. */
  record ClipEditKey(String identity, String clip, String edit) implements Comparable<ClipEditKey> {
    @Override
    public int compareTo(ClipEditKey o) {
      return Comparator.comparing(ClipEditKey::identity).thenComparing(ClipEditKey::clip)
          .thenComparing(ClipEditKey::edit).compare(this, o);
    }
  }

  /**
   * Corpus means of one method and configuration over its {@code clipEdits} results ({@code frames} in
   * all); {@code means} follow {@link Metric#values()}, NaN when none.
   */
  record Summary(MethodKey key, long clipEdits, long frames, double[] means) {}

  /** One {@code metrics} row; {@code values} follow {@link Metric#values()}, NaN when null. */
  record MetricRow(MethodKey key, long frames, double[] values) {}

  /** One method's per-frame warp error (short); NaN where the frame has no value. */
  record Curve(MethodKey key, double[] frameIndices, double[] warpShort) {}

  /** A quality-gate verdict. */
  record Verdict(MethodKey key, String verdict, String reasons) {}

  /** Everything shown for one clip and edit. */
  record ClipEdit(ClipEditKey key, String sourceUri, String editUri, long frames, Map<MethodKey, String> corrected,
      List<MetricRow> metrics, List<Curve> curves, List<Integer> shotStarts, List<Verdict> verdicts) {}

  private final DeltaStore store;
  private final Map<String, String> variants = new HashMap<>();

  ReportData(DeltaStore store) {
    this.store = store;
    if (store.exists(Tables.CORRECTED)) {
      for (Row r : store.read(Tables.CORRECTED).where(col("method").equalTo("fym")).select("config_hash", "config")
          .distinct().collectAsList()) {
        variants.put(r.getString(0), variant(r.getString(1)));
      }
    }
  }

  /** Whether the quality-gate table exists (the report shows verdicts only then). */
  boolean hasQc() {
    return store.exists(Tables.QC);
  }

  /** Means of every metric per method and configuration over all clips and edits, sorted by method. */
  List<Summary> summaries() {
    // metrics is keyed by clip, edit, method and configuration: each group's rows are distinct clip/edits.
    List<Column> aggs = new ArrayList<>(List.of(sum("frames").as("frames")));
    for (Metric m : Metric.values()) {
      aggs.add(avg(m.column()).as(m.column()));
    }
    List<Row> rows = store.read(Tables.METRICS).groupBy("method", "config_hash")
        .agg(count(lit(1)).as("clip_edits"), aggs.toArray(Column[]::new)).collectAsList();
    List<Summary> out = new ArrayList<>();
    for (Row r : rows) {
      out.add(new Summary(method(r), r.<Long>getAs("clip_edits"),
          r.isNullAt(r.fieldIndex("frames")) ? 0 : r.<Long>getAs("frames"), values(r)));
    }
    out.sort(Comparator.comparing(Summary::key));
    return out;
  }

  /** Every clip and edit that has an edit, metrics or a corrected video, in identity, clip, edit order. */
  List<ClipEdit> clipEdits() {
    Map<ClipEditKey, Row> edits = byKey(store.read(Tables.EDITS).collectAsList());
    Map<String, String> sources = new TreeMap<>();
    for (Row r : store.read(Tables.CLIPS).select("identity", "clip", "uri").collectAsList()) {
      sources.put(r.getString(0) + "\u0000" + r.getString(1), r.getString(2));
    }
    Map<ClipEditKey, Map<MethodKey, String>> corrected = new TreeMap<>();
    for (Row r : store.read(Tables.CORRECTED).collectAsList()) {
      corrected.computeIfAbsent(clipEdit(r), k -> new TreeMap<>()).put(method(r), r.getAs("uri"));
    }
    Map<ClipEditKey, List<MetricRow>> metrics = group(store.read(Tables.METRICS).collectAsList(),
        r -> new MetricRow(method(r), r.<Long>getAs("frames"), values(r)));
    Map<ClipEditKey, List<Verdict>> verdicts = group(store.read(Tables.QC).collectAsList(),
        r -> new Verdict(method(r), r.getAs("verdict"), r.getAs("reasons")));
    Map<ClipEditKey, List<Row>> frameRows = group(store.read(Tables.METRIC_FRAMES)
        .select("identity", "clip", "edit", "method", "config_hash", "frame_index", "shot", "warp_short")
        .collectAsList(), r -> r);

    TreeMap<ClipEditKey, Boolean> keys = new TreeMap<>();
    List.of(edits.keySet(), corrected.keySet(), metrics.keySet()).forEach(s -> s.forEach(k -> keys.put(k, true)));
    List<ClipEdit> out = new ArrayList<>();
    for (ClipEditKey k : keys.keySet()) {
      Row edit = edits.get(k);
      List<Row> frames = frameRows.getOrDefault(k, List.of());
      List<MetricRow> ms = new ArrayList<>(metrics.getOrDefault(k, List.of()));
      ms.sort(Comparator.comparing(MetricRow::key));
      List<Verdict> vs = new ArrayList<>(verdicts.getOrDefault(k, List.of()));
      vs.sort(Comparator.comparing(Verdict::key));
      out.add(new ClipEdit(k, sources.get(k.identity() + "\u0000" + k.clip()),
          edit == null ? null : edit.getAs("uri"), edit == null ? frameCount(frames) : edit.<Long>getAs("frames"),
          corrected.getOrDefault(k, Map.of()), ms, curves(frames), shotStarts(frames), vs));
    }
    return out;
  }

  private List<Curve> curves(List<Row> frames) {
    Map<MethodKey, TreeMap<Integer, Double>> byMethod = new TreeMap<>();
    for (Row r : frames) {
      int index = r.getAs("frame_index");
      double v = r.isNullAt(r.fieldIndex("warp_short")) ? Double.NaN : r.<Double>getAs("warp_short");
      byMethod.computeIfAbsent(method(r), k -> new TreeMap<>()).put(index, v);
    }
    List<Curve> out = new ArrayList<>();
    byMethod.forEach((k, points) -> {
      int first = points.firstKey();
      int n = points.lastKey() - first + 1;
      double[] xs = new double[n];
      double[] ys = new double[n];
      for (int i = 0; i < n; i++) {
        xs[i] = first + i;
        ys[i] = points.getOrDefault(first + i, Double.NaN);
      }
      out.add(new Curve(k, xs, ys));
    });
    return out;
  }

  /** The first frame of every shot after the first, from the frames' shot numbers. */
  private static List<Integer> shotStarts(List<Row> frames) {
    TreeMap<Integer, Integer> shotStart = new TreeMap<>();
    for (Row r : frames) {
      shotStart.merge(r.<Integer>getAs("shot"), r.<Integer>getAs("frame_index"), Math::min);
    }
    List<Integer> starts = new ArrayList<>(shotStart.values());
    starts.sort(null);
    return starts.isEmpty() ? starts : starts.subList(1, starts.size());
  }

  private static long frameCount(List<Row> frames) {
    return frames.stream().mapToInt(r -> r.<Integer>getAs("frame_index")).max().orElse(-1) + 1L;
  }

  private static double[] values(Row r) {
    Metric[] metrics = Metric.values();
    double[] out = new double[metrics.length];
    for (int i = 0; i < metrics.length; i++) {
      int at = r.fieldIndex(metrics[i].column());
      out[i] = r.isNullAt(at) ? Double.NaN : r.getDouble(at);
    }
    return out;
  }

  private MethodKey method(Row r) {
    String hash = r.getAs("config_hash");
    return new MethodKey(r.getAs("method"), hash, variants.getOrDefault(hash, ""));
  }

  /** The ablation a {@code fym} configuration ({@code fym{k=v,...}}) is: the switches it turns off, named. */
  static String variant(String config) {
    List<String> off = new ArrayList<>();
    if (config.matches(".*[{,]hash=0[,}].*")) {
      off.add("no hash features");
    }
    if (config.matches(".*[{,]reweight=0[,}].*")) {
      off.add("W = 1");
    }
    if (config.matches(".*[{,]control=0[,}].*")) {
      off.add("no ControlNet");
    }
    return String.join(", ", off);
  }
  private static ClipEditKey clipEdit(Row r) {
    return new ClipEditKey(r.getAs("identity"), r.getAs("clip"), r.getAs("edit"));
  }

  private static Map<ClipEditKey, Row> byKey(List<Row> rows) {
    Map<ClipEditKey, Row> out = new TreeMap<>();
    rows.forEach(r -> out.put(clipEdit(r), r));
    return out;
  }

  private static <T> Map<ClipEditKey, List<T>> group(List<Row> rows, Function<Row, T> convert) {
    Map<ClipEditKey, List<T>> out = new TreeMap<>();
    rows.forEach(r -> out.computeIfAbsent(clipEdit(r), k -> new ArrayList<>()).add(convert.apply(r)));
    return out;
  }
}
