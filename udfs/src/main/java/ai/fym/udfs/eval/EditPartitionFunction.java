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
import ai.fym.udfs.io.ArtifactStore;
import ai.fym.udfs.io.Localizer;
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
 * {@code quarantine} row (stage {@code edit}) and the partition goes on.
 */
public final class EditPartitionFunction implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  /** Union of an edits row and a quarantine row, tagged by kind. */
  public static final StructType OUTPUT = new StructType()
      .add("kind", "string", false)
      .add("edit", EvalSchemas.EDITS, true)
      .add("quarantine", ai.fym.udfs.ingest.IngestSchemas.QUARANTINE, true);

  private final Localizer localizer;
  private final ArtifactStore artifacts;
  private final VideoLimits limits;
  private final double folderFps;
  private final LongAccumulator framesEdited;

  public EditPartitionFunction(Localizer localizer, ArtifactStore artifacts, VideoLimits limits, double folderFps,
      LongAccumulator framesEdited) {
    this.localizer = localizer;
    this.artifacts = artifacts;
    this.limits = limits;
    this.folderFps = folderFps;
    this.framesEdited = framesEdited;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> tasks) throws Exception {
    List<Row> out = new ArrayList<>();
    Path tmp = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "fym-edit"));
    while (tasks.hasNext()) {
      EditTask task = EditTask.fromRow(tasks.next());
      long start = System.nanoTime();
      try {
        out.add(RowFactory.create("edit", run(task, tmp, start), null));
      } catch (Exception e) {
        FymException f = Errors.wrap(task.external() != null ? task.external() : task.sourceUri(), e);
        out.add(RowFactory.create("quarantine", null, IngestRows.quarantine(
            task.external() != null ? task.external() : task.sourceUri(), task.identity(), task.clip(),
            "edit:" + task.edit(), f, task.external() == null ? "builtin" : "external",
            new Timestamp(System.currentTimeMillis()))));
      }
    }
    return out.iterator();
  }

  private Row run(EditTask task, Path tmp, long start) throws Exception {
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
      String uri = artifacts.put(video, "edits/" + task.identity() + "/" + task.clip() + "/" + task.edit() + ".mkv");
      return RowFactory.create(task.identity(), task.clip(), task.edit(),
          task.external() == null ? "builtin" : "external", task.external(), uri, frames, info.width(), info.height(),
          (System.nanoTime() - start) / 1e9, new Timestamp(System.currentTimeMillis()));
    } finally {
      Files.deleteIfExists(video);
    }
  }
}
