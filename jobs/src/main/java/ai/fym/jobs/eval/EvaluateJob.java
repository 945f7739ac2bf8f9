package ai.fym.jobs.eval;

import static org.apache.spark.sql.functions.col;

import ai.fym.engine.config.FymConfig;
import ai.fym.engine.correct.Correctors;
import ai.fym.engine.geom.Box;
import ai.fym.engine.trajectory.FieldSource;
import ai.fym.jobs.progress.Progress;
import ai.fym.jobs.spark.Sessions;
import ai.fym.jobs.spark.StageResources;
import ai.fym.jobs.spark.WorkRows;
import ai.fym.jobs.tables.DeltaStore;
import ai.fym.jobs.tables.Tables;
import ai.fym.udfs.eval.EvalItem;
import ai.fym.udfs.eval.EvaluatePartitionFunction;
import ai.fym.udfs.eval.MethodConfig;
import ai.fym.udfs.faults.FaultInjector;
import ai.fym.udfs.io.ArtifactStore;
import ai.fym.udfs.io.Localizer;
import ai.fym.udfs.trajectory.TrajectoryItem;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;

/**
 * The evaluation stage: for every selected (clip, edit) in {@code edits} and every method
 * configuration, corrects the edit and measures it (one Spark task per item), then commits the
 * {@code corrected}, {@code metrics} and {@code metric_frames} rows by key. Items whose metrics are
 * already in the table are skipped, so reruns and sweeps resume. A method that follows trajectory fields gets
 * the uris of its clip's fields stored in {@code trajectories} under its settings (region {@code frame}).
 */
public final class EvaluateJob {
  private final SparkSession spark;
  private final FymConfig config;
  private final DeltaStore store;
  private final String outRoot;
  private final PrintStream log;

  public EvaluateJob(SparkSession spark, FymConfig config, DeltaStore store, String outRoot, PrintStream log) {
    this.spark = spark;
    this.config = config;
    this.store = store;
    this.outRoot = outRoot;
    this.log = log;
  }

  /** The default configuration of each named method (all built-in ones when {@code methods} is empty). */
  public List<MethodConfig> defaults(List<String> methods) throws Exception {
    List<MethodConfig> out = new ArrayList<>();
    for (String m : methods.isEmpty() ? Correctors.names() : methods) {
      out.add(configOf(m, Map.of()));
    }
    return out;
  }

  /**
   * A method with parameter overrides, completed with its defaults as the corrector reports them (for
   * {@code trajectory-warp} with the hash of this configuration's trajectory settings).
   */
  public MethodConfig configOf(String method, Map<String, String> overrides) throws Exception {
    return new MethodConfig(method, Correctors.create(method, overrides,
        FieldSource.trainOnDemand(config.trajectorySettings())).config());
  }

  /** Builds the work items of the selection (skipping measured ones) and runs them; returns {done, failed}. */
  public int[] run(Selection selection, List<MethodConfig> methods) throws Exception {
    List<EvalItem> items = items(selection, methods, true);
    return runItems(items);
  }

  /** Work items for every selected edit and method; {@code skipMeasured} drops those with metrics. */
  public List<EvalItem> items(Selection selection, List<MethodConfig> methods, boolean skipMeasured) {
    List<Row> edits = selection.apply(store.read(Tables.EDITS)).select("identity", "clip", "edit", "uri")
        .collectAsList();
    Set<String> measured = skipMeasured ? measuredKeys() : Set.of();
    Map<String, Map<Integer, String>> fields = fieldUris(methods);
    Map<String, ClipFacts> facts = new HashMap<>();
    List<EvalItem> items = new ArrayList<>();
    for (Row e : edits) {
      ClipFacts f = facts.computeIfAbsent(e.getString(0) + "\u0000" + e.getString(1),
          k -> clipFacts(e.getString(0), e.getString(1)));
      for (MethodConfig m : methods) {
        if (!measured.contains(key(e.getString(0), e.getString(1), e.getString(2), m.hash()))) {
          Map<Integer, String> uris = m.fieldSettingsHash() == null ? Map.of() : fields.getOrDefault(
              m.fieldSettingsHash() + "\u0000" + e.getString(0) + "\u0000" + e.getString(1), Map.of());
          items.add(new EvalItem(e.getString(0), e.getString(1), e.getString(2), m, f.sourceUri, e.getString(3),
              f.shotStarts, f.faceBoxes, uris));
        }
      }
    }
    return items;
  }

  /**
   * Runs work items, one task each, and commits their rows; returns {done, failed, shot fields read from the
   * trajectories table}.
   */
  public int[] runItems(List<EvalItem> items) throws Exception {
    log.printf("[evaluate] %d work items%n", items.size());
    if (items.isEmpty()) {
      return new int[] {0, 0, 0};
    }
    Map<String, String> hadoop = Sessions.hadoopSettings(spark);
    LongAccumulator measured = spark.sparkContext().longAccumulator("fym.evaluate.frames");
    LongAccumulator loaded = spark.sparkContext().longAccumulator("fym.evaluate.fields");
    int threads = Sessions.threadsPerTask(spark, config.getInt(FymConfig.TRAJECTORY_THREADS), items.size());
    List<Row> rows = items.stream().map(EvalItem::toRow).toList();
    Dataset<Row> out = StageResources.apply(WorkRows.distribute(spark, rows, EvalItem.SCHEMA, rows.size())
        .mapPartitions(new EvaluatePartitionFunction(new Localizer(hadoop), new ArtifactStore(outRoot, hadoop),
            config.videoLimits(), config.getDouble(FymConfig.INGEST_FRAME_FOLDER_FPS), config.trajectorySettings(),
            threads, measured, loaded, FaultInjector.of(config)),
            Encoders.row(EvaluatePartitionFunction.OUTPUT)), StageResources.Kind.CPU, config)
        .persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
    try {
      try (Progress p = new Progress(spark.sparkContext(), "evaluate", "frames measured", items.size(), measured,
          log)) {
        out.count();
        log.println(p.line());
      }
      store.insertNew(Tables.QUARANTINE, WorkRows.part(out, "quarantine"));
      store.upsert(Tables.METRIC_FRAMES, WorkRows.part(out, "frame"));
      store.upsert(Tables.CORRECTED, WorkRows.part(out, "corrected"));
      store.upsert(Tables.METRICS, WorkRows.part(out, "metrics"));
      store.upsert(Tables.STAGE_RUNS, WorkRows.part(out, "run"));
      int done = (int) out.where(col("kind").equalTo("metrics")).count();
      List<Row> failed = WorkRows.part(out, "quarantine").select("clip", "stage", "detail").collectAsList();
      failed.forEach(f -> log.println("[evaluate] " + f.getString(0) + " " + f.getString(1) + " failed: "
          + f.getString(2)));
      if (loaded.value() > 0) {
        log.printf("[evaluate] %d shot trajectory fields read from the trajectories table%n", loaded.value());
      }
      return new int[] {done, failed.size(), loaded.value().intValue()};
    } finally {
      out.unpersist();
    }
  }

  /** The keys of the items whose metrics are committed, as {@link #key}. */
  public Set<String> measuredKeys() {
    Set<String> out = new HashSet<>();
    for (Row r : store.read(Tables.METRICS).select("identity", "clip", "edit", "config_hash").collectAsList()) {
      out.add(key(r.getString(0), r.getString(1), r.getString(2), r.getString(3)));
    }
    return out;
  }

  /** The key of one (clip, edit, configuration) result. */
  public static String key(String identity, String clip, String edit, String configHash) {
    return String.join("\u0000", identity, clip, edit, configHash);
  }

  /**
   * For the field settings hashes the methods use: per (hash, identity, clip), the stored {@code frame} fields by
   * shot start.
   */
  private Map<String, Map<Integer, String>> fieldUris(List<MethodConfig> methods) {
    List<String> hashes = methods.stream().map(MethodConfig::fieldSettingsHash).filter(h -> h != null).distinct()
        .toList();
    Map<String, Map<Integer, String>> out = new HashMap<>();
    if (hashes.isEmpty()) {
      return out;
    }
    for (Row r : store.read(Tables.TRAJECTORIES).where(col("region").equalTo(TrajectoryItem.FRAME)
        .and(col("config_hash").isin(hashes.toArray()))).select("config_hash", "identity", "clip", "shot", "uri")
        .collectAsList()) {
      out.computeIfAbsent(r.getString(0) + "\u0000" + r.getString(1) + "\u0000" + r.getString(2),
          k -> new TreeMap<>()).put(r.getInt(3), r.getString(4));
    }
    return out;
  }

  /** Source uri, shot starts and the main face box per frame of one ingested clip. */
  private ClipFacts clipFacts(String identity, String clip) {
    Row c = store.read(Tables.CLIPS).where(col("identity").equalTo(identity).and(col("clip").equalTo(clip)))
        .select("uri").first();
    List<Integer> starts = store.read(Tables.SHOTS)
        .where(col("identity").equalTo(identity).and(col("clip").equalTo(clip))).orderBy("shot")
        .select("start_frame").collectAsList().stream().map(r -> r.getInt(0)).toList();
    double cropScale = config.getDouble(FymConfig.INGEST_CROP_SCALE);
    Map<Integer, Box> boxes = new TreeMap<>();
    for (Row f : store.read(Tables.FRAMES).where(col("source_identity").equalTo(identity)
        .and(col("clip").equalTo(clip))).select("frame_index", "crop_transform").collectAsList()) {
      List<Float> t = f.getList(1);
      float window = t.get(3) / t.get(2);
      float side = (float) (window / cropScale);
      Box face = new Box(t.get(0) + (window - side) / 2, t.get(1) + (window - side) / 2, side, side);
      boxes.merge(f.getInt(0), face, (a, b) -> a.area() >= b.area() ? a : b);
    }
    return new ClipFacts(c.getString(0), starts, boxes);
  }

  private record ClipFacts(String sourceUri, List<Integer> shotStarts, Map<Integer, Box> faceBoxes) {}
}
