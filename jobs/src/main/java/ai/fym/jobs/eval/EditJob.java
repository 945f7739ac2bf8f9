package ai.fym.jobs.eval;

import static org.apache.spark.sql.functions.col;

import ai.fym.engine.config.FymConfig;
import ai.fym.engine.edit.Editors;
import ai.fym.engine.errors.Errors;
import ai.fym.engine.naming.SafeNames;
import ai.fym.jobs.progress.Progress;
import ai.fym.jobs.spark.Sessions;
import ai.fym.jobs.spark.StageResources;
import ai.fym.jobs.spark.WorkRows;
import ai.fym.jobs.tables.DeltaStore;
import ai.fym.jobs.tables.TableDef;
import ai.fym.jobs.tables.Tables;
import ai.fym.udfs.eval.EditPartitionFunction;
import ai.fym.udfs.eval.EditTask;
import ai.fym.udfs.faults.FaultInjector;
import ai.fym.udfs.io.ArtifactStore;
import ai.fym.udfs.io.Localizer;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;

/**
 * The edit stage: produces the edited version of every selected ingested clip, either with a built-in
 * editor (deterministic per clip) or from the user's edited video (the manifest's {@code edit:<name>}
 * column or {@code --edited}), stored losslessly under {@code <out>/edits}. An edit already in the
 * {@code edits} table from the same origin is skipped, so reruns add nothing; an edit registered again
 * from another origin replaces the old one and drops the results measured on it.
 */
public final class EditJob {
  private final SparkSession spark;
  private final FymConfig config;
  private final DeltaStore store;
  private final String outRoot;
  private final PrintStream log;

  public EditJob(SparkSession spark, FymConfig config, DeltaStore store, String outRoot, PrintStream log) {
    this.spark = spark;
    this.config = config;
    this.store = store;
    this.outRoot = outRoot;
    this.log = log;
  }

  /** Runs one edit over the selected clips; returns how many edits were written and how many failed. */
  public int[] run(String edit, Selection selection, String editedUri) throws Exception {
    SafeNames.check("edit", edit);
    List<Row> clips = selection.apply(store.read(Tables.CLIPS).where(col("status").equalTo("INGESTED")))
        .select("identity", "clip", "uri", "edits").collectAsList();
    if (editedUri != null && clips.size() != 1) {
      throw new IllegalArgumentException("--edited registers one clip's edit: narrow the selection to one clip with"
          + " --clip (and --identity); it matches " + clips.size());
    }
    Map<String, String> done = new HashMap<>();
    for (Row r : store.read(Tables.EDITS).where(col("edit").equalTo(edit)).select("identity", "clip", "origin")
        .collectAsList()) {
      done.put(r.getString(0) + "\u0000" + r.getString(1), String.valueOf(r.getString(2)));
    }
    boolean builtin = Editors.builtinNames().contains(edit);
    List<Row> tasks = new ArrayList<>();
    List<String> replaced = new ArrayList<>();
    for (Row c : clips) {
      Map<String, String> declared = scala.jdk.javaapi.CollectionConverters.asJava(c.<String, String>getMap(3));
      String external = editedUri != null ? editedUri : declared.get(edit);
      if (external == null && !builtin) {
        continue;
      }
      String key = c.getString(0) + "\u0000" + c.getString(1);
      if (done.containsKey(key) && done.get(key).equals(String.valueOf(external))) {
        continue;
      }
      if (done.containsKey(key)) {
        replaced.add("(identity = " + DeltaStore.quote(c.getString(0)) + " AND clip = "
            + DeltaStore.quote(c.getString(1)) + " AND edit = " + DeltaStore.quote(edit) + ")");
      }
      long seed = (c.getString(0) + "/" + c.getString(1) + "/" + edit).hashCode();
      tasks.add(new EditTask(c.getString(0), c.getString(1), c.getString(2), edit, external, seed).toRow());
    }
    if (tasks.isEmpty() && !builtin && editedUri == null && done.isEmpty()) {
      throw Errors.unknownEdit(edit, Editors.builtinNames());
    }
    log.printf("[edit %s] %d clips selected, %d to edit%n", edit, clips.size(), tasks.size());
    if (tasks.isEmpty()) {
      return new int[] {0, 0};
    }
    Map<String, String> hadoop = Sessions.hadoopSettings(spark);
    LongAccumulator edited = spark.sparkContext().longAccumulator("fym.edit.frames");
    Dataset<Row> out = StageResources.apply(WorkRows.distribute(spark, tasks, EditTask.SCHEMA, tasks.size())
        .mapPartitions(new EditPartitionFunction(new Localizer(hadoop), new ArtifactStore(outRoot, hadoop),
            config.videoLimits(), config.getDouble(FymConfig.INGEST_FRAME_FOLDER_FPS), edited,
            FaultInjector.of(config)),
            Encoders.row(EditPartitionFunction.OUTPUT)), StageResources.Kind.CPU, config)
        .cache();
    try {
      try (Progress p = new Progress(spark.sparkContext(), "edit " + edit, "frames", tasks.size(), edited, log)) {
        out.count();
        log.println(p.line());
      }
      Dataset<Row> edits = WorkRows.part(out, "edit");
      Dataset<Row> failed = WorkRows.part(out, "quarantine");
      if (!replaced.isEmpty()) {
        String stale = String.join(" OR ", replaced);
        for (TableDef t : List.of(Tables.CORRECTED, Tables.METRICS, Tables.METRIC_FRAMES, Tables.QC)) {
          store.delete(t, stale);
        }
      }
      store.upsert(Tables.EDITS, edits);
      store.insertNew(Tables.QUARANTINE, failed);
      store.upsert(Tables.STAGE_RUNS, WorkRows.part(out, "run"));
      int ok = (int) edits.count();
      int bad = (int) failed.count();
      for (Row q : failed.select("input", "detail").collectAsList()) {
        log.println("[edit " + edit + "] failed: " + q.getString(1));
      }
      return new int[] {ok, bad};
    } finally {
      out.unpersist();
    }
  }
}
