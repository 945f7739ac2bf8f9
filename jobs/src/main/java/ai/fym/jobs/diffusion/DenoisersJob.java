package ai.fym.jobs.diffusion;

import static org.apache.spark.sql.functions.col;

import ai.fym.engine.config.FymConfig;
import ai.fym.engine.diffusion.DenoiserSettings;
import ai.fym.jobs.eval.ClipFacts;
import ai.fym.jobs.eval.Selection;
import ai.fym.jobs.progress.Progress;
import ai.fym.jobs.spark.Sessions;
import ai.fym.jobs.spark.StageResources;
import ai.fym.jobs.spark.WorkRows;
import ai.fym.jobs.tables.DeltaStore;
import ai.fym.jobs.tables.Tables;
import ai.fym.udfs.diffusion.DenoiserItem;
import ai.fym.udfs.diffusion.DenoiserPartitionFunction;
import ai.fym.udfs.diffusion.DenoiserSchemas;
import ai.fym.udfs.faults.FaultInjector;
import ai.fym.udfs.io.ArtifactStore;
import ai.fym.udfs.io.Localizer;
import ai.fym.udfs.trajectory.TrajectoryItem;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;

/**
 * The denoisers stage: one work item per identity (the clips table's identity) and base setting, one Spark task
 * each, training the identity's base denoiser and committing its {@code denoisers} row by key. The training data
 * is capped: the identity's first {@value #MAX_CLIPS} ingested clips (by name), of each the leading shots up to
 * {@value #MAX_FRAMES} frames in all (a shot is taken whole), since the base learns the identity's appearance and
 * motion, which a few hundred frames show, while its cost grows with the frames kept in memory. A pair stored
 * under the same input (its clips' fingerprints, the caps and the trajectory settings) is skipped, so a rerun with
 * nothing to do writes nothing.
 */
public final class DenoisersJob {
  /** Clips per identity the base denoiser trains on. */
  public static final int MAX_CLIPS = 3;
  /** Frames per identity the base denoiser trains on (whole shots; at least the first shot). */
  public static final int MAX_FRAMES = 600;

  private final SparkSession spark;
  private final FymConfig config;
  private final DeltaStore store;
  private final String outRoot;
  private final PrintStream log;
  private FaultInjector faults;

  public DenoisersJob(SparkSession spark, FymConfig config, DeltaStore store, String outRoot, PrintStream log) {
    this.spark = spark;
    this.config = config;
    this.store = store;
    this.outRoot = outRoot;
    this.log = log;
    this.faults = FaultInjector.of(config);
  }

  /** Replaces the fault injector {@code fym.faults.*} configure (fault-injection tests). */
  public DenoisersJob optFaults(FaultInjector injector) {
    this.faults = injector;
    return this;
  }

  /** Trains the missing base denoisers of the selected clips' identities under each of {@code bases}. */
  public DenoiserSummary run(Selection selection, List<DenoiserSettings> bases) throws Exception {
    long start = System.nanoTime();
    String fieldHash = config.trajectorySettings().hash();
    Map<String, List<Row>> clips = clipsByIdentity(selection);
    Map<String, String> stored = new HashMap<>();
    for (Row r : store.read(Tables.DENOISERS).select("identity", "base_hash", "input_fingerprint").collectAsList()) {
      stored.put(r.getString(0) + "\u0000" + r.getString(1), r.getString(2));
    }
    List<DenoiserItem> items = new ArrayList<>();
    Map<String, DenoiserSettings> settings = new TreeMap<>();
    int selected = 0;
    for (Map.Entry<String, List<Row>> e : clips.entrySet()) {
      String fingerprint = fingerprint(e.getValue(), fieldHash);
      List<DenoiserItem.Clip> inputs = null;
      for (DenoiserSettings base : bases) {
        selected++;
        if (fingerprint.equals(stored.get(e.getKey() + "\u0000" + base.baseHash()))) {
          continue;
        }
        if (inputs == null) {
          inputs = inputs(e.getKey(), e.getValue(), fieldHash);
        }
        settings.put(base.baseHash(), base);
        items.add(new DenoiserItem(e.getKey(), base.baseHash(), fingerprint, inputs));
      }
    }
    int skipped = selected - items.size();
    log.printf("[denoisers] %d (identity, base setting) pairs selected, %d stored already, %d to train%n", selected,
        skipped, items.size());
    if (items.isEmpty()) {
      return new DenoiserSummary(selected, skipped, 0, 0, 0, Double.NaN, (System.nanoTime() - start) / 1e9);
    }
    Map<String, String> hadoop = Sessions.hadoopSettings(spark);
    LongAccumulator trained = spark.sparkContext().longAccumulator("fym.denoisers.steps");
    int threads = Sessions.threadsPerTask(spark, config.getInt(FymConfig.TRAJECTORY_THREADS), items.size());
    Dataset<Row> rows = WorkRows.distribute(spark, items.stream().map(DenoiserItem::toRow).toList(),
        DenoiserItem.SCHEMA, items.size()).mapPartitions(new DenoiserPartitionFunction(new Localizer(hadoop),
            new ArtifactStore(outRoot, hadoop), config.videoLimits(),
            config.getDouble(FymConfig.INGEST_FRAME_FOLDER_FPS), settings, config.trajectorySettings(),
            config.getInt(FymConfig.DIFFUSION_CHECKPOINT_EVERY), threads, trained, faults),
        Encoders.row(DenoiserSchemas.OUTPUT));
    Dataset<Row> out = StageResources.apply(rows, StageResources.Kind.GPU, config)
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      try (Progress p = new Progress(spark.sparkContext(), "denoisers", "steps", items.size(), trained, log)) {
        out.count();
        log.println(p.line());
      }
      Dataset<Row> denoisers = WorkRows.part(out, "denoiser");
      List<Row> done = denoisers.select("resumed_from", "loss").collectAsList();
      if (!done.isEmpty()) {
        store.upsert(Tables.DENOISERS, denoisers);
      }
      Dataset<Row> quarantine = WorkRows.part(out, "quarantine");
      store.insertNew(Tables.QUARANTINE, quarantine);
      store.upsert(Tables.STAGE_RUNS, WorkRows.part(out, "run"));
      List<Row> failed = quarantine.select("identity", "detail").collectAsList();
      failed.forEach(f -> log.println("[denoisers] " + f.getString(0) + " failed: " + f.getString(1)));
      int resumed = (int) done.stream().filter(r -> r.getInt(0) > 0).count();
      double loss = done.stream().filter(r -> !r.isNullAt(1)).mapToDouble(r -> r.getDouble(1)).average()
          .orElse(Double.NaN);
      return new DenoiserSummary(selected, skipped, done.size(), resumed, failed.size(), loss,
          (System.nanoTime() - start) / 1e9);
    } finally {
      out.unpersist();
    }
  }

  /** Per identity of the selection: its first {@link #MAX_CLIPS} ingested clips (clip, fingerprint), by name. */
  private Map<String, List<Row>> clipsByIdentity(Selection selection) {
    Dataset<Row> ingested = store.read(Tables.CLIPS).where(col("status").equalTo("INGESTED"));
    List<Object> identities = selection.apply(ingested).select("identity").distinct().collectAsList().stream()
        .map(r -> (Object) r.getString(0)).toList();
    Map<String, List<Row>> out = new TreeMap<>();
    if (identities.isEmpty()) {
      return out;
    }
    for (Row r : ingested.where(col("identity").isin(identities.toArray())).select("identity", "clip", "fingerprint")
        .orderBy("identity", "clip").collectAsList()) {
      List<Row> list = out.computeIfAbsent(r.getString(0), k -> new ArrayList<>());
      if (list.size() < MAX_CLIPS) {
        list.add(r);
      }
    }
    return out;
  }

  /** The sha256 of the trajectory settings hash, the caps and the clips' names and fingerprints. */
  private static String fingerprint(List<Row> clips, String fieldHash) throws Exception {
    StringBuilder input = new StringBuilder(fieldHash).append(';').append(MAX_CLIPS).append(';').append(MAX_FRAMES);
    for (Row c : clips) {
      input.append(';').append(c.getString(1)).append(':').append(c.getString(2));
    }
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest(input.toString().getBytes(StandardCharsets.UTF_8)));
  }

  /** The clips' training inputs: facts, the leading shots within {@link #MAX_FRAMES}, the stored fields. */
  private List<DenoiserItem.Clip> inputs(String identity, List<Row> clips, String fieldHash) {
    List<DenoiserItem.Clip> out = new ArrayList<>();
    int budget = MAX_FRAMES;
    for (Row c : clips) {
      if (budget <= 0) {
        break;
      }
      String clip = c.getString(1);
      ClipFacts f = ClipFacts.read(store, config, identity, clip);
      int frames = 0;
      for (int i = 0; i < f.shotStarts().size() && (frames == 0 || frames + f.shotFrames().get(i) <= budget); i++) {
        frames = f.shotStarts().get(i) + f.shotFrames().get(i);
      }
      budget -= frames;
      Map<Integer, String> fields = new TreeMap<>();
      for (Row r : store.read(Tables.TRAJECTORIES).where(col("identity").equalTo(identity)
          .and(col("clip").equalTo(clip)).and(col("region").equalTo(TrajectoryItem.FRAME))
          .and(col("config_hash").equalTo(fieldHash))).select("shot", "uri").collectAsList()) {
        fields.put(r.getInt(0), r.getString(1));
      }
      int used = frames;
      Map<Integer, ai.fym.engine.geom.Box> boxes = new TreeMap<>(f.faceBoxes());
      boxes.keySet().removeIf(frame -> frame >= used);
      out.add(new DenoiserItem.Clip(clip, f.sourceUri(), f.shotStarts(), frames, boxes, fields));
    }
    return out;
  }
}
