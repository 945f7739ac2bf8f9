package ai.fym.udfs.trajectory;

import ai.fym.engine.errors.Errors;
import ai.fym.engine.errors.FymException;
import ai.fym.engine.image.ImageCodec;
import ai.fym.engine.image.RgbImage;
import ai.fym.engine.trajectory.FieldQuality;
import ai.fym.engine.trajectory.ShotSequence;
import ai.fym.engine.trajectory.TrajectoryField;
import ai.fym.engine.trajectory.TrajectorySettings;
import ai.fym.engine.trajectory.TrajectoryTrainer;
import ai.fym.engine.video.VideoLimits;
import ai.fym.engine.video.VideoReader;
import ai.fym.udfs.device.Devices;
import ai.fym.udfs.faults.FaultInjector;
import ai.fym.udfs.ingest.IngestRows;
import ai.fym.udfs.io.ArtifactStore;
import ai.fym.udfs.io.Localizer;
import ai.fym.udfs.ledger.StageRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeMap;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.LongAccumulator;

/**
 * The executor side of {@code fym trajectories}: for each {@link TrajectoryItem}, reads the shot's frames (full
 * source frames, or the main track's face crops), trains its field with a checkpoint, stores the field under
 * {@code <out>/trajectories/...} and returns its {@code trajectories} row. The checkpoint lies next to the field
 * for a local output root, so a killed task's retry or the next run resumes from it; for a remote root it lies
 * in the executor's temporary folder (a retry on the same machine resumes). It is deleted once the field is
 * stored. A failure becomes a quarantine row (stage {@code trajectories}) and the partition goes on; either way the
 * item gets a {@code stage_runs} row. The fault injector may fail the task at a training step or after the field is
 * stored (its retry resumes from the checkpoint; a stored but uncommitted field is an orphan for {@code gc}).
 */
public final class TrajectoryPartitionFunction implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;
  public static final String STAGE = "trajectories";

  private final Localizer localizer;
  private final ArtifactStore artifacts;
  private final VideoLimits limits;
  private final double folderFps;
  private final TreeMap<String, String> settings;
  private final int checkpointEvery;
  private final int threads;
  private final LongAccumulator framesTrained;
  private final FaultInjector faults;

  /** {@code settings} in canonical form (trained with {@code threads} CPU threads per task). */
  public TrajectoryPartitionFunction(Localizer localizer, ArtifactStore artifacts, VideoLimits limits,
      double folderFps, TrajectorySettings settings, int threads, LongAccumulator framesTrained,
      FaultInjector faults) {
    this.localizer = localizer;
    this.artifacts = artifacts;
    this.limits = limits;
    this.folderFps = folderFps;
    this.settings = new TreeMap<>(settings.canonical());
    this.checkpointEvery = settings.checkpointEvery();
    this.threads = threads;
    this.framesTrained = framesTrained;
    this.faults = faults;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> items) throws Exception {
    List<Row> out = new ArrayList<>();
    Path tmp = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "fym-trajectories"));
    TrajectorySettings s = TrajectorySettings.fromCanonical(settings, checkpointEvery, threads);
    while (items.hasNext()) {
      TrajectoryItem item = TrajectoryItem.fromRow(items.next());
      long started = System.currentTimeMillis();
      String key = item.clip() + "/shot-" + item.shot() + "/" + item.region();
      String fingerprint = item.fingerprint() + " " + s.hash();
      try {
        Trained t = train(item, s, tmp, faults.forItem(STAGE, item.identity() + "/" + key));
        out.add(RowFactory.create("trajectory", t.row(), null, null));
        out.add(RowFactory.create("run", null, null,
            StageRun.succeeded(STAGE, item.identity(), key, fingerprint, started, t.field())));
      } catch (Exception e) {
        FymException f = Errors.wrap(item.sourceUri(), e);
        out.add(RowFactory.create("quarantine", null, IngestRows.quarantine(item.sourceUri(), item.identity(),
            item.clip(), STAGE, f, "shot " + item.shot() + " " + item.region() + " " + s.hash(),
            new Timestamp(System.currentTimeMillis())), null));
        out.add(RowFactory.create("run", null, null,
            StageRun.failed(STAGE, item.identity(), key, fingerprint, started, f)));
      }
    }
    return out.iterator();
  }

  /** A stored field and its trajectories row. */
  private record Trained(Row row, ArtifactStore.Artifact field) {}

  private Trained train(TrajectoryItem item, TrajectorySettings s, Path tmp, FaultInjector.Fault fault)
      throws Exception {
    long start = System.nanoTime();
    fault.reached(0);
    ShotSequence shot = ShotSequence.of(frames(item, tmp), s.workingSize());
    String base = item.artifactBase(s.hash());
    Path local = artifacts.localPath(item.checkpoint(s.hash()));
    Path checkpoint = local != null ? local : tmp.resolve(item.checkpoint(s.hash()));
    TrajectoryTrainer.Result r = TrajectoryTrainer.train(shot, s, checkpoint, Devices.forTask(),
        step -> fault.reached(step / (s.steps() + 1.0)));
    double photometric;
    ArtifactStore.Artifact stored;
    try (TrajectoryField field = r.field()) {
      photometric = FieldQuality.photometricError(field, shot);
      Path file = Files.createTempFile(tmp, "field-", ".field");
      try {
        field.save(file);
        stored = artifacts.store(file, base + ".field");
      } finally {
        Files.deleteIfExists(file);
      }
    }
    Files.deleteIfExists(checkpoint);
    fault.reached(1);
    framesTrained.add(item.frames());
    return new Trained(RowFactory.create(item.identity(), item.clip(), item.shot(), item.frames(), item.region(),
        item.track(), s.hash(), s.canonical().toString(), stored.uri(), r.steps(), r.resumedFrom(), number(r.loss()),
        number(photometric), (System.nanoTime() - start) / 1e9, new Timestamp(System.currentTimeMillis())), stored);
  }

  /** The shot's frames: decoded from the source, or the face crops that came with the item. */
  private List<RgbImage> frames(TrajectoryItem item, Path tmp) throws Exception {
    List<RgbImage> frames = new ArrayList<>(item.frames());
    if (item.crops() != null) {
      for (byte[] png : item.crops()) {
        frames.add(ImageCodec.decode(png));
      }
    } else {
      try (Localizer.Local source = localizer.localize(item.sourceUri(), tmp);
           VideoReader reader = VideoReader.open(source.path(), limits, folderFps)) {
        int index = 0;
        for (RgbImage f = reader.next(); f != null && frames.size() < item.frames(); f = reader.next(), index++) {
          if (index >= item.shot()) {
            frames.add(f);
          }
        }
      }
    }
    if (frames.size() != item.frames()) {
      throw Errors.shotFramesMissing(item.sourceUri(), item.shot(), item.frames(), frames.size());
    }
    return frames;
  }

  private static Double number(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
