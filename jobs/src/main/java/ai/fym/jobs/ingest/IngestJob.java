package ai.fym.jobs.ingest;

import static org.apache.spark.sql.functions.col;

import ai.fym.engine.config.FymConfig;
import ai.fym.engine.ingest.IngestSettings;
import ai.fym.jobs.progress.Progress;
import ai.fym.jobs.spark.Sessions;
import ai.fym.jobs.spark.StageResources;
import ai.fym.jobs.spark.WorkRows;
import ai.fym.jobs.tables.DeltaStore;
import ai.fym.jobs.tables.TableDef;
import ai.fym.jobs.tables.Tables;
import ai.fym.udfs.faults.FaultInjector;
import ai.fym.udfs.ingest.ClipInput;
import ai.fym.udfs.ingest.IngestPartitionFunction;
import ai.fym.udfs.ingest.IngestSchemas;
import ai.fym.udfs.io.Localizer;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;

/**
 * The ingest stage. The driver discovers the corpus and skips clips whose fingerprint is already in
 * {@code clips}; executors ingest one clip per task ({@link IngestPartitionFunction}); the driver
 * then commits: stale rows of changed clips are deleted, child rows (shots, tracks, frames) of
 * successfully ingested clips are inserted by key, quarantine rows are added, and the {@code clips}
 * rows are upserted last, so a run stopped half-way is completed by the next one without duplicates.
 */
public final class IngestJob {
  private final SparkSession spark;
  private final FymConfig config;
  private final DeltaStore store;
  private final PrintStream log;

  public IngestJob(SparkSession spark, FymConfig config, DeltaStore store, PrintStream log) {
    this.spark = spark;
    this.config = config;
    this.store = store;
    this.log = log;
  }

  public IngestSummary run(String corpus) throws Exception {
    long start = System.nanoTime();
    Localizer localizer = new Localizer(Sessions.hadoopSettings(spark));
    Discovery found = new CorpusDiscovery(spark.sparkContext().hadoopConfiguration()).discover(corpus);
    Map<String, String> known = new HashMap<>();
    for (Row r : store.read(Tables.CLIPS).select("identity", "clip", "fingerprint").collectAsList()) {
      known.put(key(r.getString(0), r.getString(1)), r.getString(2));
    }
    List<ClipInput> todo = new ArrayList<>();
    List<ClipInput> replaced = new ArrayList<>();
    for (ClipInput c : found.clips()) {
      String previous = known.get(key(c.identity(), c.clip()));
      if (!c.fingerprint().equals(previous)) {
        todo.add(c);
        if (previous != null) {
          replaced.add(c);
        }
      }
    }
    store.insertNew(Tables.QUARANTINE, spark.createDataFrame(found.quarantine(), IngestSchemas.QUARANTINE));
    log.printf("[ingest] %d clips found, %d to ingest, %d rejected before decoding%n", found.clips().size(),
        todo.size(), found.quarantine().size());
    long frames = 0;
    int ingested = 0;
    int quarantined = found.quarantine().size();
    Map<String, Long> reasons = new TreeMap<>();
    found.quarantine().forEach(r -> reasons.merge(r.getString(4), 1L, Long::sum));
    long persons = 0;
    if (!todo.isEmpty()) {
      Dataset<Row> out = process(todo, localizer);
      try {
        commit(out, replaced);
        Dataset<Row> clips = WorkRows.part(out, IngestSchemas.KIND_CLIP);
        for (Row r : clips.select("status", "reason", "persons").collectAsList()) {
          if (IngestSchemas.STATUS_INGESTED.equals(r.getString(0))) {
            ingested++;
            persons += r.getList(2).size();
          } else {
            quarantined++;
            reasons.merge(r.getString(1), 1L, Long::sum);
          }
        }
        frames = out.filter(col("kind").equalTo(IngestSchemas.KIND_FRAME))
            .join(ok(out), col("frame.source_identity").equalTo(col("ok_identity"))
                .and(col("frame.clip").equalTo(col("ok_clip"))), "left_semi").count();
      } finally {
        out.unpersist();
      }
    }
    return new IngestSummary(found.clips().size(), found.clips().size() - todo.size(), ingested, quarantined,
        frames, persons, found.ignoredFiles(), reasons, (System.nanoTime() - start) / 1e9);
  }

  private Dataset<Row> process(List<ClipInput> todo, Localizer localizer) {
    int partitions = config.getInt(FymConfig.INGEST_PARTITIONS);
    int parts = partitions > 0 ? partitions : todo.size();
    IngestSettings settings = config.ingestSettings(
        Sessions.threadsPerTask(spark, config.getInt(FymConfig.INGEST_THREADS), todo.size()));
    LongAccumulator framesDone = spark.sparkContext().longAccumulator("fym.ingest.frames");
    Dataset<Row> in = WorkRows.distribute(spark, todo.stream().map(ClipInput::toRow).toList(), ClipInput.SCHEMA,
        parts);
    Dataset<Row> ingested = in.mapPartitions(new IngestPartitionFunction(settings,
        (float) config.getDouble(FymConfig.INGEST_MIN_FACE_SCORE), localizer, framesDone, FaultInjector.of(config)),
        Encoders.row(IngestSchemas.OUTPUT));
    Dataset<Row> out = StageResources.apply(ingested, StageResources.Kind.CPU, config)
        .persist(StorageLevel.MEMORY_AND_DISK());
    long t0 = System.nanoTime();
    try (Progress p = new Progress(spark.sparkContext(), "ingest", "face frames", parts, framesDone, log)) {
      out.count();
      log.println(p.line());
    }
    log.printf(Locale.ROOT, "[ingest] executors done in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    return out;
  }

  /**
   * Deletes the stale rows of re-ingested clips (their ingest rows and everything derived from them:
   * edits, trajectory fields, corrected videos, metrics, verdicts), inserts the child tables' rows in parallel (they are
   * independent Delta tables), then upserts the clips rows, the commit marker of each clip.
   */
  private void commit(Dataset<Row> out, List<ClipInput> replaced) throws Exception {
    long t0 = System.nanoTime();
    if (!replaced.isEmpty()) {
      String shots = replaced.stream().map(c -> "(identity = " + DeltaStore.quote(c.identity()) + " AND clip = "
          + DeltaStore.quote(c.clip()) + ")").collect(Collectors.joining(" OR "));
      String children = shots.replace("(identity = ", "(source_identity = ");
      store.delete(Tables.SHOTS, shots);
      store.delete(Tables.TRACKS, children);
      store.delete(Tables.FRAMES, children);
      for (TableDef downstream : List.of(Tables.EDITS, Tables.TRAJECTORIES, Tables.CORRECTED, Tables.METRICS,
          Tables.METRIC_FRAMES, Tables.QC)) {
        store.delete(downstream, shots);
      }
    }
    Dataset<Row> ok = ok(out);
    List<Callable<Long>> inserts = List.of(
        () -> store.insertNew(Tables.QUARANTINE, WorkRows.part(out, IngestSchemas.KIND_QUARANTINE)),
        () -> store.insertNew(Tables.SHOTS, okRows(out, IngestSchemas.KIND_SHOT, "identity", ok)),
        () -> store.insertNew(Tables.TRACKS, okRows(out, IngestSchemas.KIND_TRACK, "source_identity", ok)),
        () -> store.insertNew(Tables.FRAMES, okRows(out, IngestSchemas.KIND_FRAME, "source_identity", ok)));
    ExecutorService pool = Executors.newFixedThreadPool(inserts.size());
    try {
      for (Future<Long> f : pool.invokeAll(inserts)) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    store.upsert(Tables.CLIPS, WorkRows.part(out, IngestSchemas.KIND_CLIP));
    store.upsert(Tables.STAGE_RUNS, WorkRows.part(out, IngestSchemas.KIND_RUN));
    log.printf(Locale.ROOT, "[ingest] committed to Delta in %.1f s%n", (System.nanoTime() - t0) / 1e9);
  }


  private static Dataset<Row> ok(Dataset<Row> out) {
    return out.filter(col("kind").equalTo(IngestSchemas.KIND_CLIP)
            .and(col("clip.status").equalTo(IngestSchemas.STATUS_INGESTED)))
        .select(col("clip.identity").as("ok_identity"), col("clip.clip").as("ok_clip"));
  }

  private static Dataset<Row> okRows(Dataset<Row> out, String kind, String identityColumn, Dataset<Row> ok) {
    Dataset<Row> rows = WorkRows.part(out, kind);
    return rows.join(ok, rows.col(identityColumn).equalTo(ok.col("ok_identity"))
        .and(rows.col("clip").equalTo(ok.col("ok_clip"))), "left_semi");
  }

  private static String key(String identity, String clip) {
    return identity + "\u0000" + clip;
  }
}
