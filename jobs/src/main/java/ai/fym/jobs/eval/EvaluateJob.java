package ai.fym.jobs.eval;

import static org.apache.spark.sql.functions.col;

import ai.fym.engine.config.FymConfig;
import ai.fym.engine.correct.Correctors;
import ai.fym.engine.diffusion.DenoiserSettings;
import ai.fym.engine.diffusion.DenoiserSource;
import ai.fym.engine.trajectory.FieldSource;
import ai.fym.jobs.diffusion.DenoiserSummary;
import ai.fym.jobs.diffusion.DenoisersJob;
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
 * the uris of its clip's fields stored in {@code trajectories} under its settings (region {@code frame});
 * {@code fym} also gets its identity's base denoiser from {@code denoisers}, trained first by
 * {@link #trainDenoisers} when missing.
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
   * {@code trajectory-warp} and {@code fym} with the hash of this configuration's trajectory settings, for
   * {@code fym} also with the hash of its diffusion settings).
   */
  public MethodConfig configOf(String method, Map<String, String> overrides) throws Exception {
    return new MethodConfig(method, Correctors.create(method, overrides,
        FieldSource.trainOnDemand(config.trajectorySettings()), DenoiserSource.none(config.diffusionSettings()))
        .config());
  }

  /**
   * Trains the missing base denoisers the methods need, then builds the work items of the selection (skipping
   * measured ones) and runs them; returns {done, failed, shot fields read}.
   */
  public int[] run(Selection selection, List<MethodConfig> methods) throws Exception {
    trainDenoisers(selection, methods);
    List<EvalItem> items = items(selection, methods, true);
    return runItems(items);
  }

  /**
   * The distinct base settings the {@code fym} configurations among {@code methods} need (one per base hash: the
   * {@code hash=0} and {@code reweight=0} ablations need their own; {@code control} and {@code strength} do not).
   */
  public List<DenoiserSettings> denoiserBases(List<MethodConfig> methods) {
    Map<String, DenoiserSettings> out = new TreeMap<>();
    for (MethodConfig m : methods) {
      DenoiserSettings d = m.diffusionSettings(config.diffusionSettings());
      if (d != null) {
        out.putIfAbsent(d.baseHash(), d);
      }
    }
    return List.copyOf(out.values());
  }

  /**
   * Runs the {@code denoisers} stage for the identities of the selection and the base settings the methods need
   * (nothing when no method needs one) and logs its summary; returns it, or null when no method needs one.
   */
  public DenoiserSummary trainDenoisers(Selection selection, List<MethodConfig> methods) throws Exception {
    List<DenoiserSettings> bases = denoiserBases(methods);
    if (bases.isEmpty()) {
      return null;
    }
    DenoiserSummary s = new DenoisersJob(spark, config, store, outRoot, log)
        .run(new Selection(selection.identity(), selection.clip(), null), bases);
    log.println(s.describe(outRoot));
    return s;
  }

  /** Work items for every selected edit and method; {@code skipMeasured} drops those with metrics. */
  public List<EvalItem> items(Selection selection, List<MethodConfig> methods, boolean skipMeasured) {
    List<Row> edits = selection.apply(store.read(Tables.EDITS)).select("identity", "clip", "edit", "uri")
        .collectAsList();
    Set<String> measured = skipMeasured ? measuredKeys() : Set.of();
    Map<String, Map<Integer, String>> fields = fieldUris(methods);
    Map<String, String> denoisers = denoiserUris(methods);
    Map<String, ClipFacts> facts = new HashMap<>();
    List<EvalItem> items = new ArrayList<>();
    for (Row e : edits) {
      String identity = e.getString(0);
      ClipFacts f = facts.computeIfAbsent(identity + "\u0000" + e.getString(1),
          k -> ClipFacts.read(store, config, identity, e.getString(1)));
      for (MethodConfig m : methods) {
        if (!measured.contains(key(identity, e.getString(1), e.getString(2), m.hash()))) {
          Map<Integer, String> uris = m.fieldSettingsHash() == null ? Map.of() : fields.getOrDefault(
              m.fieldSettingsHash() + "\u0000" + identity + "\u0000" + e.getString(1), Map.of());
          DenoiserSettings d = m.diffusionSettings(config.diffusionSettings());
          String denoiser = d == null ? null : denoisers.get(identity + "\u0000" + d.baseHash());
          items.add(new EvalItem(identity, e.getString(1), e.getString(2), m, f.sourceUri(), e.getString(3),
              f.shotStarts(), f.faceBoxes(), uris, denoiser == null ? Map.of() : Map.of(d.baseHash(), denoiser)));
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
            config.diffusionSettings(), threads, measured, loaded, FaultInjector.of(config)),
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

  /** For the base settings the methods need: per (identity, base hash), the stored denoiser's uri. */
  private Map<String, String> denoiserUris(List<MethodConfig> methods) {
    List<String> hashes = denoiserBases(methods).stream().map(DenoiserSettings::baseHash).toList();
    Map<String, String> out = new HashMap<>();
    if (hashes.isEmpty() || !store.exists(Tables.DENOISERS)) {
      return out;
    }
    for (Row r : store.read(Tables.DENOISERS).where(col("base_hash").isin(hashes.toArray()))
        .select("identity", "base_hash", "uri").collectAsList()) {
      out.put(r.getString(0) + "\u0000" + r.getString(1), r.getString(2));
    }
    return out;
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
}
