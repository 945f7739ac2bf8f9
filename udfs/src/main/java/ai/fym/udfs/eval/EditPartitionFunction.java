package ai.fym.udfs.eval;

import ai.fym.engine.edit.Editors;
import ai.fym.engine.edit.ExternalEdit;
import ai.fym.engine.edit.FrameEditor;
import ai.fym.engine.errors.Errors;
import ai.fym.engine.errors.FymException;
import ai.fym.engine.image.RgbImage;
import ai.fym.engine.video.VideoInfo;
import ai.fym.engine.video.VideoLimits;
import ai.fym.engine.video.VideoReader;
import ai.fym.engine.video.VideoWriter;
import ai.fym.udfs.ingest.IngestRows;
import ai.fym.udfs.faults.FaultInjector;
import ai.fym.udfs.io.ArtifactStore;
import ai.fym.udfs.io.Localizer;
import ai.fym.udfs.ledger.StageRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;

/**
 * The executor side of {@code fym edit}: for each {@link EditTask}, runs the built-in editor over
 * every source frame (or aligns the user's edited video with the source), writes the edited clip
 * losslessly under the output root, and returns its {@code edits} row; a failure becomes a
 * {@code quarantine} row (stage {@code edit}) and the partition goes on. Either way the task gets a
 * {@code stage_runs} row (stage {@code edit}).
 */
public final class EditPartitionFunction implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  /** Union of an edits row, a quarantine row and a {@code stage_runs} row, tagged by kind. */
  public static final StructType OUTPUT = new StructType()
      .add("kind", "string", false)
      .add("edit", EvalSchemas.EDITS, true)
      .add("quarantine", ai.fym.udfs.ingest.IngestSchemas.QUARANTINE, true)
      .add("run", StageRun.SCHEMA, true);

  /** The stage name in {@code stage_runs}. */
  public static final String STAGE = "edit";

  private final Localizer localizer;
  private final ArtifactStore artifacts;
  private final VideoLimits limits;
  private final double folderFps;
  private final LongAccumulator framesEdited;
  private final FaultInjector faults;

  public EditPartitionFunction(Localizer localizer, ArtifactStore artifacts, VideoLimits limits, double folderFps,
      LongAccumulator framesEdited, FaultInjector faults) {
    this.localizer = localizer;
    this.artifacts = artifacts;
    this.limits = limits;
    this.folderFps = folderFps;
    this.framesEdited = framesEdited;
    this.faults = faults;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> tasks) throws Exception {
    List<Row> out = new ArrayList<>();
    Path tmp = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "fym-edit"));
    while (tasks.hasNext()) {
      EditTask task = EditTask.fromRow(tasks.next());
      long start = System.nanoTime();
      long started = System.currentTimeMillis();
      String key = task.clip() + "/" + task.edit();
      String fingerprint = task.external() == null ? "builtin " + task.seed() : task.external();
      try {
        Edited e = run(task, tmp, start, faults.forItem(STAGE, task.identity() + "/" + key));
        out.add(RowFactory.create("edit", e.row(), null, null));
        out.add(RowFactory.create("run", null, null,
            StageRun.succeeded(STAGE, task.identity(), key, fingerprint, started, e.video())));
      } catch (Exception e) {
        FymException f = Errors.wrap(task.external() != null ? task.external() : task.sourceUri(), e);
        out.add(RowFactory.create("quarantine", null, IngestRows.quarantine(
            task.external() != null ? task.external() : task.sourceUri(), task.identity(), task.clip(),
            "edit:" + task.edit(), f, task.external() == null ? "builtin" : "external",
            new Timestamp(System.currentTimeMillis())), null));
        out.add(RowFactory.create("run", null, null,
            StageRun.failed(STAGE, task.identity(), key, fingerprint, started, f)));
      }
    }
    return out.iterator();
  }

  /** A stored edited clip and its edits row. */
  private record Edited(Row row, ArtifactStore.Artifact video) {}

  private Edited run(EditTask task, Path tmp, long start, FaultInjector.Fault fault) throws Exception {
    fault.reached(0);
    Path video = Files.createTempFile(tmp, "edit-", ".mkv");
    try (Localizer.Local source = localizer.localize(task.sourceUri(), tmp)) {
      VideoInfo info;
      long frames = 0;
      if (task.external() == null) {
        FrameEditor editor = Editors.builtin(task.edit(), task.seed());
        try (VideoReader reader = VideoReader.open(source.path(), limits, folderFps)) {
          info = reader.info();
          try (VideoWriter writer = VideoWriter.openLossless(video, info.width(), info.height(), info.fps())) {
            for (RgbImage f = reader.next(); f != null; f = reader.next()) {
              writer.write(editor.edit(f, (int) frames++));
              framesEdited.add(1);
            }
          }
        }
      } else {
        info = VideoReader.probe(source.path(), limits, folderFps);
        try (Localizer.Local edited = localizer.localize(task.external(), tmp);
             ExternalEdit aligned = ExternalEdit.open(edited.path(), task.external(), info, task.sourceUri(), limits,
                 folderFps);
             VideoWriter writer = VideoWriter.openLossless(video, info.width(), info.height(), info.fps())) {
          for (RgbImage f = aligned.next(); f != null; f = aligned.next()) {
            writer.write(f);
            frames++;
            framesEdited.add(1);
          }
        }
      }
      fault.reached(0.5);
      ArtifactStore.Artifact stored = artifacts.store(video, "edits/" + task.identity() + "/" + task.clip() + "/"
          + task.edit() + ".mkv");
      fault.reached(1);
      return new Edited(RowFactory.create(task.identity(), task.clip(), task.edit(),
          task.external() == null ? "builtin" : "external", task.external(), stored.uri(), frames, info.width(),
          info.height(), (System.nanoTime() - start) / 1e9, new Timestamp(System.currentTimeMillis())), stored);
    } finally {
      Files.deleteIfExists(video);
    }
  }
}
