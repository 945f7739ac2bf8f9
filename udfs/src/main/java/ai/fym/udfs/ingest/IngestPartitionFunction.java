package ai.fym.udfs.ingest;

import static ai.fym.udfs.ingest.IngestSchemas.KIND_CLIP;
import static ai.fym.udfs.ingest.IngestSchemas.KIND_FRAME;
import static ai.fym.udfs.ingest.IngestSchemas.KIND_QUARANTINE;
import static ai.fym.udfs.ingest.IngestSchemas.KIND_RUN;
import static ai.fym.udfs.ingest.IngestSchemas.KIND_SHOT;
import static ai.fym.udfs.ingest.IngestSchemas.KIND_TRACK;

import ai.fym.engine.errors.Errors;
import ai.fym.engine.errors.FymException;
import ai.fym.engine.ingest.ClipAnalysis;
import ai.fym.engine.ingest.ClipIngestor;
import ai.fym.engine.ingest.FrameFace;
import ai.fym.engine.ingest.IngestSettings;
import ai.fym.engine.ingest.Shot;
import ai.fym.engine.ingest.TrackInfo;
import ai.fym.engine.naming.SafeNames;
import ai.fym.udfs.faults.FaultInjector;
import ai.fym.udfs.io.Localizer;
import ai.fym.udfs.ledger.StageRun;
import ai.fym.udfs.models.ExecutorModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;

/**
 * The executor side of ingest: for each {@link ClipInput} of the partition, localises the source,
 * runs {@link ClipIngestor}, and streams union rows ({@link IngestSchemas#OUTPUT}): shots, tracks,
 * every face of every frame, and last the clip row, whose status tells the driver whether the
 * clip's other rows may be committed, and its {@code stage_runs} row. Any failure of one clip becomes a
 * quarantine row plus a QUARANTINED clip row; the partition goes on with the next clip.
 */
public final class IngestPartitionFunction implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;
  private final IngestSettings settings;
  private final float minFaceScore;
  private final Localizer localizer;
  private final LongAccumulator framesDone;
  private final FaultInjector faults;

  public IngestPartitionFunction(IngestSettings settings, float minFaceScore, Localizer localizer,
      LongAccumulator framesDone, FaultInjector faults) {
    this.settings = settings;
    this.minFaceScore = minFaceScore;
    this.localizer = localizer;
    this.framesDone = framesDone;
    this.faults = faults;
  }

  /** The stage name in {@code stage_runs}. */
  public static final String STAGE = "ingest";

  @Override
  public Iterator<Row> call(Iterator<Row> inputs) {
    Rows rows = new Rows(inputs);
    TaskContext task = TaskContext.get();
    if (task != null) {
      task.addTaskCompletionListener((org.apache.spark.util.TaskCompletionListener) ctx -> rows.release());
    }
    return rows;
  }

  /** Lazily walks the partition's clips, one clip's stream of rows after another. */
  private final class Rows implements Iterator<Row> {
    private final Iterator<Row> inputs;
    private final ArrayDeque<Row> pending = new ArrayDeque<>();
    private ClipRun current;

    Rows(Iterator<Row> inputs) {
      this.inputs = inputs;
    }

    /** Frees the current clip's decoder, worker threads and temporary copy (a killed or failed task). */
    void release() {
      if (current != null && !current.done) {
        current.finish();
      }
    }

    @Override
    public boolean hasNext() {
      while (pending.isEmpty()) {
        if (current != null) {
          current.step(pending);
          if (current.done) {
            current = null;
          }
        } else if (inputs.hasNext()) {
          current = new ClipRun(ClipInput.fromRow(inputs.next()));
        } else {
          return false;
        }
      }
      return true;
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return pending.removeFirst();
    }
  }

  /** One clip's ingest as a small state machine, so frames stream instead of piling up. */
  private final class ClipRun {
    private final ClipInput input;
    private final long started = System.nanoTime();
    private final long startedMillis = System.currentTimeMillis();
    private final FaultInjector.Fault fault;
    private Localizer.Local local;
    private ClipAnalysis analysis;
    private ClipAnalysis.FrameStream frames;
    private boolean done;

    ClipRun(ClipInput input) {
      this.input = input;
      this.fault = faults.forItem(STAGE, input.identity() + "/" + input.clip());
    }

    void step(ArrayDeque<Row> out) {
      try {
        if (analysis == null) {
          fault.reached(0);
          SafeNames.check("identity", input.identity());
          SafeNames.check("clip", input.clip());
          Path tmp = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "fym-ingest"));
          local = localizer.localize(input.uri(), tmp);
          analysis = new ClipIngestor(settings, new ExecutorModels(minFaceScore)).analyse(local.path(), input.uri());
          for (Shot s : analysis.shots()) {
            out.add(IngestRows.union(KIND_SHOT, IngestRows.shot(input, s, analysis.info().fps())));
          }
          for (TrackInfo t : analysis.tracks()) {
            out.add(IngestRows.union(KIND_TRACK, IngestRows.track(input, t, personName(t))));
          }
          frames = analysis.frames();
          return;
        }
        FrameFace face = frames.next();
        if (face != null) {
          TrackInfo t = trackOf(face.track());
          out.add(IngestRows.union(KIND_FRAME, IngestRows.frame(input, face, personName(t))));
          framesDone.add(1);
          return;
        }
        fault.reached(1);
        out.add(IngestRows.union(KIND_CLIP, IngestRows.ingestedClip(input, local.sha256(), analysis,
            personNames(), seconds())));
        out.add(IngestRows.union(KIND_RUN, StageRun.succeeded(STAGE, input.identity(), input.clip(),
            input.fingerprint(), startedMillis, null)));
        finish();
      } catch (Exception | LinkageError e) {
        FymException f = Errors.wrap(input.uri(), e);
        out.clear();
        out.add(IngestRows.union(KIND_QUARANTINE, IngestRows.quarantine(input, "ingest", f, now())));
        out.add(IngestRows.union(KIND_CLIP, IngestRows.quarantinedClip(input, local == null ? null : local.sha256(),
            f, seconds())));
        out.add(IngestRows.union(KIND_RUN, StageRun.failed(STAGE, input.identity(), input.clip(),
            input.fingerprint(), startedMillis, f)));
        finish();
      }
    }

    private String personName(TrackInfo t) {
      return IngestRows.personIdentity(input, t, analysis.persons(), analysis.tracks());
    }

    private String[] personNames() {
      return analysis.tracks().stream().map(this::personName).distinct().sorted().toArray(String[]::new);
    }

    private TrackInfo trackOf(int id) {
      for (TrackInfo t : analysis.tracks()) {
        if (t.id() == id) {
          return t;
        }
      }
      throw new IllegalStateException("frame of unknown track " + id);
    }

    private double seconds() {
      return (System.nanoTime() - started) / 1e9;
    }

    private void finish() {
      done = true;
      if (frames != null) {
        frames.close();
      }
      try {
        if (local != null) {
          local.close();
        }
      } catch (java.io.IOException ignored) {
        // a leftover temporary file is harmless; the temp folder is per machine
      }
    }
  }

  private static Timestamp now() {
    return new Timestamp(System.currentTimeMillis());
  }
}
