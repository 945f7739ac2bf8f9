package ai.fym.udfs.diffusion;

import ai.fym.engine.diffusion.Denoiser;
import ai.fym.engine.diffusion.DenoiserSettings;
import ai.fym.engine.diffusion.DiffusionCorrection;
import ai.fym.engine.errors.Errors;
import ai.fym.engine.errors.FymException;
import ai.fym.engine.geom.Box;
import ai.fym.engine.image.RgbImage;
import ai.fym.engine.landmarks.LandmarkNet;
import ai.fym.engine.trajectory.TrajectoryField;
import ai.fym.engine.trajectory.TrajectorySettings;
import ai.fym.engine.video.VideoLimits;
import ai.fym.engine.video.VideoReader;
import ai.fym.udfs.faults.FaultInjector;
import ai.fym.udfs.ingest.IngestRows;
import ai.fym.udfs.io.ArtifactStore;
import ai.fym.udfs.io.Localizer;
import ai.fym.udfs.ledger.StageRun;
import ai.fym.udfs.trajectory.StoredFields;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.LongAccumulator;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The executor side of the {@code denoisers} stage: for each {@link DenoiserItem}, decodes the item's clips, splits
 * them at the ingest shot starts into shots (two frames or more, with a face in at least one), takes each shot's
 * stored trajectory field (else trains one), trains the identity's base denoiser with a checkpoint
 * ({@link DiffusionCorrection#trainBase}), stores it under {@code <out>/denoisers/<identity>/<base hash>...fymd}
 * and returns its {@code denoisers} row. The checkpoint lies under a local output root (a retried task or the
 * next run resumes from it), else in the executor's temporary folder, and is deleted once the denoiser is stored.
 * A failure becomes a quarantine row (stage {@code denoisers}) and the partition goes on; every item gets a
 * {@code stage_runs} row, and the fault injector may fail a task at a training step or after the store.
 */
public final class DenoiserPartitionFunction implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;
  public static final String STAGE = "denoisers";
  /** Landmarks with an attention weight; before any update each weighs 1. */
  private static final int LANDMARKS = 68;

  private final Localizer localizer;
  private final ArtifactStore artifacts;
  private final VideoLimits limits;
  private final double folderFps;
  private final HashMap<String, DenoiserSettings> settings;
  private final TreeMap<String, String> fieldSettings;
  private final int checkpointEvery;
  private final int threads;
  private final LongAccumulator stepsTrained;
  private final FaultInjector faults;

  /**
   * {@code settings} by base hash (the items' {@code base_hash}); missing fields are trained under
   * {@code fieldSettings} on {@code threads} threads.
   */
  public DenoiserPartitionFunction(Localizer localizer, ArtifactStore artifacts, VideoLimits limits,
      double folderFps, Map<String, DenoiserSettings> settings, TrajectorySettings fieldSettings,
      int checkpointEvery, int threads, LongAccumulator stepsTrained, FaultInjector faults) {
    this.localizer = localizer;
    this.artifacts = artifacts;
    this.limits = limits;
    this.folderFps = folderFps;
    this.settings = new HashMap<>(settings);
    this.fieldSettings = new TreeMap<>(fieldSettings.canonical());
    this.checkpointEvery = checkpointEvery;
    this.threads = threads;
    this.stepsTrained = stepsTrained;
    this.faults = faults;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> items) throws Exception {
    List<Row> out = new ArrayList<>();
    Path tmp = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "fym-denoisers"));
    TrajectorySettings fields = TrajectorySettings.fromCanonical(fieldSettings, 0, threads);
    while (items.hasNext()) {
      DenoiserItem item = DenoiserItem.fromRow(items.next());
      long started = System.currentTimeMillis();
      String fingerprint = item.inputFingerprint();
      try {
        Trained t = train(item, settings.get(item.baseHash()), fields, tmp,
            faults.forItem(STAGE, item.identity() + "/" + item.baseHash()));
        out.add(RowFactory.create("denoiser", t.row(), null, null));
        out.add(RowFactory.create("run", null, null,
            StageRun.succeeded(STAGE, item.identity(), item.baseHash(), fingerprint, started, t.stored())));
      } catch (Exception e) {
        FymException f = Errors.wrap("identity " + item.identity(), e);
        out.add(RowFactory.create("quarantine", null, IngestRows.quarantine("identity " + item.identity(),
            item.identity(), null, STAGE, f, item.baseHash() + " " + fingerprint,
            new Timestamp(System.currentTimeMillis())), null));
        out.add(RowFactory.create("run", null, null,
            StageRun.failed(STAGE, item.identity(), item.baseHash(), fingerprint, started, f)));
      }
    }
    return out.iterator();
  }

  /** A stored denoiser and its row. */
  private record Trained(Row row, ArtifactStore.Artifact stored) {}

  private Trained train(DenoiserItem item, DenoiserSettings s, TrajectorySettings fieldSettings, Path tmp,
      FaultInjector.Fault fault) throws Exception {
    long start = System.nanoTime();
    fault.reached(0);
    List<DiffusionCorrection.ShotInput> shots = new ArrayList<>();
    Path local = artifacts.localPath(item.checkpoint());
    Path checkpoint = local != null ? local : tmp.resolve(item.checkpoint());
    int[] firstStep = {-1};
    Denoiser d;
    try {
      for (DenoiserItem.Clip clip : item.clips()) {
        shots.addAll(shots(clip, fieldSettings, tmp));
      }
      if (shots.isEmpty()) {
        throw new IllegalArgumentException("no shot of two frames or more with a face among " + item.clips().size()
            + " clip(s)");
      }
      d = DiffusionCorrection.trainBase(shots, s, LandmarkNet.load(), checkpoint, checkpointEvery,
          (step, steps, loss) -> {
            if (firstStep[0] < 0) {
              firstStep[0] = step;
            }
            stepsTrained.add(1);
            fault.reached(step / (steps + 1.0));
          });
    } finally {
      for (DiffusionCorrection.ShotInput shot : shots) {
        shot.field().close();
      }
    }
    Path file = Files.createTempFile(tmp, "denoiser-", ".fymd");
    ArtifactStore.Artifact stored;
    try {
      d.save(file);
      stored = artifacts.store(file, item.artifactBase() + ".fymd");
    } finally {
      Files.deleteIfExists(file);
    }
    Files.deleteIfExists(checkpoint);
    fault.reached(1);
    int frames = shots.stream().mapToInt(x -> x.sources().size()).sum();
    List<float[]> history = d.weightHistory();
    float[] last = new float[LANDMARKS];
    Arrays.fill(last, 1f);
    if (!history.isEmpty()) {
      last = Arrays.copyOfRange(history.get(history.size() - 1), 1, LANDMARKS + 1);
    }
    List<scala.collection.Seq<Float>> rows = history.stream().map(DenoiserPartitionFunction::floats).toList();
    return new Trained(RowFactory.create(item.identity(), item.baseHash(), s.baseCanonical(), fieldSettings.hash(),
        item.inputFingerprint(), stored.uri(), stored.sha256(), d.steps(), Math.max(0, firstStep[0] - 1),
        Double.isFinite(d.loss()) ? d.loss() : null, (System.nanoTime() - start) / 1e9, d.parameters(),
        item.clips().size(), frames, floats(last), CollectionConverters.asScala(rows).toSeq(),
        new Timestamp(System.currentTimeMillis())), stored);
  }

  /**
   * The clip's first {@code frames} frames split at its shot starts; shots of two frames or more with a face box
   * in at least one frame, each with its stored (else freshly trained) field.
   */
  private List<DiffusionCorrection.ShotInput> shots(DenoiserItem.Clip clip, TrajectorySettings fieldSettings,
      Path tmp) throws Exception {
    List<List<RgbImage>> split = new ArrayList<>();
    List<Integer> starts = new ArrayList<>();
    try (Localizer.Local source = localizer.localize(clip.sourceUri(), tmp);
         VideoReader reader = VideoReader.open(source.path(), limits, folderFps)) {
      int index = 0;
      for (RgbImage f = reader.next(); f != null && index < clip.frames(); f = reader.next(), index++) {
        if (index == 0 || clip.shotStarts().contains(index)) {
          split.add(new ArrayList<>());
          starts.add(index);
        }
        split.get(split.size() - 1).add(f);
      }
    }
    StoredFields stored = new StoredFields(fieldSettings, clip.fieldUris(), localizer, tmp);
    List<DiffusionCorrection.ShotInput> out = new ArrayList<>();
    try {
      for (int i = 0; i < split.size(); i++) {
        List<RgbImage> frames = split.get(i);
        List<Box> boxes = new ArrayList<>();
        for (int t = 0; t < frames.size(); t++) {
          boxes.add(clip.faceBoxes().get(starts.get(i) + t));
        }
        if (frames.size() > 1 && boxes.stream().anyMatch(b -> b != null)) {
          TrajectoryField field = stored.field(starts.get(i), frames);
          out.add(new DiffusionCorrection.ShotInput(frames, boxes, field));
        }
      }
      return out;
    } catch (Exception e) {
      for (DiffusionCorrection.ShotInput shot : out) {
        shot.field().close();
      }
      throw e;
    }
  }

  private static scala.collection.Seq<Float> floats(float[] values) {
    List<Float> boxed = new ArrayList<>(values.length);
    for (float v : values) {
      boxed.add(v);
    }
    return CollectionConverters.asScala(boxed).toSeq();
  }
}
