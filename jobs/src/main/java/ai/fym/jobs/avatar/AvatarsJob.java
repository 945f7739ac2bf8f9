package ai.fym.jobs.avatar;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;

import ai.fym.engine.avatar.AvatarSettings;
import ai.fym.engine.config.FymConfig;
import ai.fym.jobs.eval.Selection;
import ai.fym.jobs.progress.Progress;
import ai.fym.jobs.spark.Sessions;
import ai.fym.jobs.spark.StageResources;
import ai.fym.jobs.spark.WorkRows;
import ai.fym.jobs.tables.DeltaStore;
import ai.fym.jobs.tables.Tables;
import ai.fym.udfs.avatar.AvatarPartitionFunction;
import ai.fym.udfs.avatar.AvatarSchemas;
import ai.fym.udfs.faults.FaultInjector;
import ai.fym.udfs.io.ArtifactStore;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
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
 * The avatars stage: one work item per identity (person) with face frames, one Spark task each, training the
 * identity's avatar on all its frames and committing its {@code avatars} row and {@code renders} rows by key.
 * An identity whose avatar is stored under the same settings and the same input (fingerprint of its clips'
 * fingerprints and frame count) is skipped, so a rerun with nothing to do writes nothing.
 */
public final class AvatarsJob {
  private final SparkSession spark;
  private final FymConfig config;
  private final DeltaStore store;
  private final String outRoot;
  private final PrintStream log;

  public AvatarsJob(SparkSession spark, FymConfig config, DeltaStore store, String outRoot, PrintStream log) {
    this.spark = spark;
    this.config = config;
    this.store = store;
    this.outRoot = outRoot;
    this.log = log;
  }

  /** Trains the missing avatars of the selected identities. */
  public AvatarSummary run(Selection selection) throws Exception {
    long start = System.nanoTime();
    AvatarSettings settings = config.avatarSettings();
    Map<String, String> fingerprints = fingerprints(selection);
    Map<String, String> stored = new TreeMap<>();
    for (Row r : store.read(Tables.AVATARS).where(col("config_hash").equalTo(settings.hash()))
        .select("identity", "input_fingerprint").collectAsList()) {
      stored.put(r.getString(0), r.getString(1));
    }
    List<String> toTrain = new ArrayList<>();
    fingerprints.forEach((identity, fingerprint) -> {
      if (!fingerprint.equals(stored.get(identity))) {
        toTrain.add(identity);
      }
    });
    int skipped = fingerprints.size() - toTrain.size();
    log.printf("[avatars] %d identities selected, %d stored already, %d to train (settings %s)%n",
        fingerprints.size(), skipped, toTrain.size(), settings.hash());
    if (toTrain.isEmpty()) {
      return new AvatarSummary(settings.hash(), fingerprints.size(), skipped, 0, 0, 0, Double.NaN,
          (System.nanoTime() - start) / 1e9);
    }
    int threads = Sessions.threadsPerTask(spark, config.getInt(FymConfig.AVATAR_THREADS), toTrain.size());
    AvatarSettings run = settings.withThreads(threads);
    LongAccumulator trained = spark.sparkContext().longAccumulator("fym.avatars.frames");
    // The items are gathered (a shuffle) before training starts, so the progress line counts training tasks only.
    Dataset<Row> items = items(selection, toTrain, fingerprints).persist(StorageLevel.MEMORY_AND_DISK());
    items.count();
    Dataset<Row> trainedRows = items.mapPartitions(new AvatarPartitionFunction(
        new ArtifactStore(outRoot, Sessions.hadoopSettings(spark)), run, trained, FaultInjector.of(config)),
        Encoders.row(AvatarSchemas.OUTPUT));
    Dataset<Row> out = StageResources.apply(trainedRows, StageResources.Kind.GPU, config)
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      try (Progress p = new Progress(spark.sparkContext(), "avatars", "frames", toTrain.size(), trained, log)) {
        out.count();
        log.println(p.line());
      }
      Dataset<Row> avatars = WorkRows.part(out, "avatar");
      List<Row> done = avatars.select("resumed_from", "held_out_psnr").collectAsList();
      if (!done.isEmpty()) {
        store.upsert(Tables.RENDERS, WorkRows.part(out, "render"));
        store.upsert(Tables.AVATARS, avatars);
      }
      Dataset<Row> quarantine = WorkRows.part(out, "quarantine");
      store.insertNew(Tables.QUARANTINE, quarantine);
      store.upsert(Tables.STAGE_RUNS, WorkRows.part(out, "run"));
      List<Row> failed = quarantine.select("identity", "detail").collectAsList();
      failed.forEach(f -> log.println("[avatars] " + f.getString(0) + " failed: " + f.getString(1)));
      int resumed = (int) done.stream().filter(r -> r.getInt(0) > 0).count();
      double psnr = done.stream().filter(r -> !r.isNullAt(1)).mapToDouble(r -> r.getDouble(1)).average()
          .orElse(Double.NaN);
      return new AvatarSummary(settings.hash(), fingerprints.size(), skipped, done.size(), resumed, failed.size(),
          psnr, (System.nanoTime() - start) / 1e9);
    } finally {
      out.unpersist();
      items.unpersist();
    }
  }

  /**
   * Per selected identity with face frames: the sha256 of its clips' ingest fingerprints and its frame count,
   * which changes when any of its clips is re-ingested with other content.
   */
  private Map<String, String> fingerprints(Selection selection) throws Exception {
    Dataset<Row> clips = store.read(Tables.CLIPS).select(col("identity").as("source_identity"), col("clip"),
        col("fingerprint"));
    List<Row> rows = selection.apply(store.read(Tables.FRAMES)).groupBy("identity", "source_identity", "clip")
        .count().join(clips, seq("source_identity", "clip"))
        .orderBy("identity", "source_identity", "clip").collectAsList();
    Map<String, StringBuilder> inputs = new TreeMap<>();
    for (Row r : rows) {
      inputs.computeIfAbsent(r.getAs("identity"), k -> new StringBuilder())
          .append(r.<String>getAs("clip")).append(':').append(r.<String>getAs("fingerprint")).append(':')
          .append(r.<Long>getAs("count")).append(';');
    }
    Map<String, String> out = new TreeMap<>();
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    inputs.forEach((identity, input) -> out.put(identity,
        HexFormat.of().formatHex(sha.digest(input.toString().getBytes(StandardCharsets.UTF_8)))));
    return out;
  }

  /** One row per identity to train, its frames in (clip, frame) order, one partition each. */
  private Dataset<Row> items(Selection selection, List<String> identities, Map<String, String> fingerprints) {
    Dataset<Row> ids = spark.createDataFrame(identities.stream()
        .map(i -> org.apache.spark.sql.RowFactory.create(i, fingerprints.get(i))).toList(),
        new org.apache.spark.sql.types.StructType().add("identity", "string").add("input_fingerprint", "string"));
    Dataset<Row> frames = selection.apply(store.read(Tables.FRAMES))
        .join(ids.select("identity"), seq("identity"), "left_semi")
        .groupBy("identity")
        .agg(sort_array(collect_list(struct(col("clip"), col("frame_index"), col("shot"), col("crop_png"),
            col("landmarks")))).as("frames"));
    return frames.join(ids, seq("identity")).select(col("identity"), col("input_fingerprint"), col("frames"))
        .repartition(identities.size(), col("identity"));
  }

  private static scala.collection.immutable.Seq<String> seq(String... columns) {
    return scala.jdk.javaapi.CollectionConverters.asScala(List.of(columns)).toList();
  }
}
