package ai.fym.jobs.trajectory;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;

import ai.fym.engine.config.FymConfig;
import ai.fym.engine.trajectory.TrajectorySettings;
import ai.fym.jobs.eval.Selection;
import ai.fym.jobs.progress.Progress;
import ai.fym.jobs.spark.Sessions;
import ai.fym.jobs.spark.StageResources;
import ai.fym.jobs.spark.WorkRows;
import ai.fym.jobs.tables.DeltaStore;
import ai.fym.jobs.tables.Tables;
import ai.fym.udfs.faults.FaultInjector;
import ai.fym.udfs.io.ArtifactStore;
import ai.fym.udfs.io.Localizer;
import ai.fym.udfs.trajectory.TrajectoryItem;
import ai.fym.udfs.trajectory.TrajectoryPartitionFunction;
import ai.fym.udfs.trajectory.TrajectorySchemas;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;

/**
 * The trajectories stage: one work item per shot of two or more frames of every selected ingested clip, one
 * Spark task each, training the shot's trajectory field (region {@code frame}: on the source frames;
 * {@code face}: on the face crops of the shot's main track, the one with most frames) and committing its
 * {@code trajectories} row by key. Shots whose field is already stored under the same settings and region are
 * skipped, so a rerun with nothing to do writes nothing.
 */
public final class TrajectoriesJob {
  private final SparkSession spark;
  private final FymConfig config;
  private final DeltaStore store;
  private final String outRoot;
  private final PrintStream log;
  private FaultInjector faults;

  public TrajectoriesJob(SparkSession spark, FymConfig config, DeltaStore store, String outRoot, PrintStream log) {
    this.spark = spark;
    this.config = config;
    this.store = store;
    this.outRoot = outRoot;
    this.log = log;
    this.faults = FaultInjector.of(config);
  }

  /** Replaces the fault injector {@code fym.faults.*} configure (fault-injection tests). */
  public TrajectoriesJob optFaults(FaultInjector injector) {
    this.faults = injector;
    return this;
  }

  /** Trains the missing fields of the selected clips in {@code region} ({@code frame} or {@code face}). */
  public TrajectorySummary run(Selection selection, String region) throws Exception {
    long start = System.nanoTime();
    TrajectorySettings settings = config.trajectorySettings();
    String hash = settings.hash();
    List<Row> shots = selection.apply(store.read(Tables.SHOTS)).join(selection.apply(store.read(Tables.CLIPS))
        .where(col("status").equalTo("INGESTED")).select("identity", "clip", "uri", "fingerprint"),
        seq("identity", "clip"))
        .select("identity", "clip", "shot", "start_frame", "frames", "uri", "fingerprint")
        .orderBy("identity", "clip", "shot")
        .collectAsList();
    Set<String> stored = new HashSet<>();
    for (Row r : store.read(Tables.TRAJECTORIES).where(col("region").equalTo(region)
        .and(col("config_hash").equalTo(hash))).select("identity", "clip", "shot").collectAsList()) {
      stored.add(key(r.getString(0), r.getString(1), r.getInt(2)));
    }
    Map<String, int[]> mainTracks = TrajectoryItem.FACE.equals(region) ? mainTracks(selection) : Map.of();
    List<TrajectoryItem> items = new ArrayList<>();
    int skipped = 0;
    int unusable = 0;
    for (Row s : shots) {
      String identity = s.getString(0);
      String clip = s.getString(1);
      int first = s.getInt(3);
      if (stored.contains(key(identity, clip, first))) {
        skipped++;
        continue;
      }
      int[] track = mainTracks.get(key(identity, clip, s.getInt(2)));
      boolean face = TrajectoryItem.FACE.equals(region);
      int frames = face ? (track == null ? 0 : track[1]) : s.getInt(4);
      if (frames < 2) {
        unusable++;
        continue;
      }
      items.add(new TrajectoryItem(identity, clip, first, frames, region, s.getString(5), s.getString(6),
          face ? track[0] : null, null));
    }
    log.printf("[trajectories] %d shots selected, %d stored already, %d without two frames%s, %d to train "
        + "(region %s, settings %s)%n", shots.size(), skipped, unusable, TrajectoryItem.FACE.equals(region)
        ? " of a face track" : "", items.size(), region, hash);
    if (items.isEmpty()) {
      return new TrajectorySummary(region, hash, shots.size(), skipped, unusable, 0, 0, 0, Double.NaN,
          (System.nanoTime() - start) / 1e9);
    }
    Map<String, String> hadoop = Sessions.hadoopSettings(spark);
    LongAccumulator trained = spark.sparkContext().longAccumulator("fym.trajectories.frames");
    int threads = Sessions.threadsPerTask(spark, config.getInt(FymConfig.TRAJECTORY_THREADS), items.size());
    Dataset<Row> trainedRows = work(items, region).mapPartitions(new TrajectoryPartitionFunction(
            new Localizer(hadoop), new ArtifactStore(outRoot, hadoop), config.videoLimits(),
            config.getDouble(FymConfig.INGEST_FRAME_FOLDER_FPS), settings, threads, trained, faults),
        Encoders.row(TrajectorySchemas.OUTPUT));
    Dataset<Row> out = StageResources.apply(trainedRows, StageResources.Kind.GPU, config)
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      try (Progress p = new Progress(spark.sparkContext(), "trajectories", "frames", items.size(), trained, log)) {
        out.count();
        log.println(p.line());
      }
      Dataset<Row> fields = WorkRows.part(out, "trajectory");
      List<Row> done = fields.select("resumed_from", "photometric_error").collectAsList();
      if (!done.isEmpty()) {
        store.upsert(Tables.TRAJECTORIES, fields);
      }
      store.insertNew(Tables.QUARANTINE, WorkRows.part(out, "quarantine"));
      store.upsert(Tables.STAGE_RUNS, WorkRows.part(out, "run"));
      List<Row> failed = WorkRows.part(out, "quarantine").select("clip", "fingerprint", "detail").collectAsList();
      failed.forEach(f -> log.println("[trajectories] " + f.getString(0) + " " + f.getString(1) + " failed: "
          + f.getString(2)));
      int resumed = (int) done.stream().filter(r -> r.getInt(0) > 0).count();
      double photometric = done.stream().filter(r -> !r.isNullAt(1)).mapToDouble(r -> r.getDouble(1)).average()
          .orElse(Double.NaN);
      return new TrajectorySummary(region, hash, shots.size(), skipped, unusable, done.size(), resumed,
          failed.size(), photometric, (System.nanoTime() - start) / 1e9);
    } finally {
      out.unpersist();
    }
  }

  /** The items as one partition each; face items get their track's crops, in frame order, joined in by Spark. */
  private Dataset<Row> work(List<TrajectoryItem> items, String region) {
    Dataset<Row> rows = WorkRows.distribute(spark, items.stream().map(TrajectoryItem::toRow).toList(),
        TrajectoryItem.SCHEMA, items.size());
    if (!TrajectoryItem.FACE.equals(region)) {
      return rows;
    }
    Dataset<Row> crops = store.read(Tables.FRAMES)
        .select(col("source_identity").as("identity"), col("clip"), col("track"), col("frame_index"),
            col("crop_png"))
        .join(rows.select("identity", "clip", "track"), seq("identity", "clip", "track"), "left_semi")
        .groupBy("identity", "clip", "track")
        .agg(sort_array(collect_list(struct(col("frame_index"), col("crop_png")))).as("ordered"))
        .select(col("identity"), col("clip"), col("track"), col("ordered.crop_png").as("crops"));
    return rows.drop("crops", "frames").join(crops, seq("identity", "clip", "track"))
        .withColumn("frames", size(col("crops"))).selectExpr(TrajectoryItem.SCHEMA.fieldNames())
        .repartition(items.size());
  }

  /** Per (identity, clip, shot index): the track with most frames in that shot, as {track, frames}. */
  private Map<String, int[]> mainTracks(Selection selection) {
    Dataset<Row> tracks = store.read(Tables.TRACKS);
    if (selection.identity() != null) {
      tracks = tracks.where(col("source_identity").equalTo(selection.identity()));
    }
    if (selection.clip() != null) {
      tracks = tracks.where(col("clip").equalTo(selection.clip()));
    }
    Map<String, int[]> out = new HashMap<>();
    for (Row t : tracks.select("source_identity", "clip", "shot", "track", "frames").orderBy("track")
        .collectAsList()) {
      out.merge(key(t.getString(0), t.getString(1), t.getInt(2)), new int[] {t.getInt(3), t.getInt(4)},
          (a, b) -> b[1] > a[1] ? b : a);
    }
    return out;
  }

  private static String key(String identity, String clip, int shot) {
    return identity + "\u0000" + clip + "\u0000" + shot;
  }

  private static scala.collection.immutable.Seq<String> seq(String... columns) {
    return scala.jdk.javaapi.CollectionConverters.asScala(List.of(columns)).toList();
  }
}
