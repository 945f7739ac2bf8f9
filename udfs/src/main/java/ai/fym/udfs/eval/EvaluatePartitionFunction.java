package ai.fym.udfs.eval;

import ai.fym.engine.correct.Corrector;
import ai.fym.engine.correct.Correctors;
import ai.fym.engine.correct.InMemoryShot;
import ai.fym.engine.diffusion.DenoiserSettings;
import ai.fym.engine.errors.Errors;
import ai.fym.engine.errors.FymException;
import ai.fym.engine.geom.Box;
import ai.fym.engine.image.RgbImage;
import ai.fym.engine.metrics.ClipEvaluator;
import ai.fym.engine.metrics.ClipMetrics;
import ai.fym.engine.metrics.FrameMetrics;
import ai.fym.engine.video.VideoInfo;
import ai.fym.engine.video.VideoLimits;
import ai.fym.engine.video.VideoReader;
import ai.fym.engine.video.VideoWriter;
import ai.fym.udfs.diffusion.StoredDenoisers;
import ai.fym.udfs.faults.FaultInjector;
import ai.fym.udfs.ingest.IngestRows;
import ai.fym.udfs.ingest.IngestSchemas;
import ai.fym.udfs.io.ArtifactStore;
import ai.fym.udfs.io.Localizer;
import ai.fym.udfs.ledger.StageRun;
import ai.fym.udfs.trajectory.StoredFields;
import ai.fym.engine.landmarks.LandmarkNet;
import ai.fym.engine.trajectory.TrajectorySettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;

/**
 * The executor side of {@code fym evaluate}: for each {@link EvalItem}, corrects the edited clip
 * shot by shot with the item's method, encodes the result as an H.264 mp4 at source resolution under
 * the output root, then measures it against the source and the per-frame edit. Emits the
 * {@code corrected} and {@code metrics} rows and the per-frame curve; a failure becomes a quarantine
 * row (stage {@code evaluate:<method>}) and the partition goes on. {@code trajectory-warp} and {@code fym} read
 * each shot's field from the uris the item carries ({@link StoredFields}) and train the missing ones on demand;
 * {@code fym} reads the identity's base denoiser through the executor cache ({@link StoredDenoisers}).
 */
public final class EvaluatePartitionFunction implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  public static final StructType OUTPUT = new StructType()
      .add("kind", "string", false)
      .add("corrected", EvalSchemas.CORRECTED, true)
      .add("metrics", EvalSchemas.METRICS, true)
      .add("frame", EvalSchemas.METRIC_FRAMES, true)
      .add("quarantine", IngestSchemas.QUARANTINE, true)
      .add("run", StageRun.SCHEMA, true);

  /** The stage name in {@code stage_runs}. */
  public static final String STAGE = "evaluate";

  private final Localizer localizer;
  private final ArtifactStore artifacts;
  private final VideoLimits limits;
  private final double folderFps;
  private final TreeMap<String, String> fieldSettings;
  private final DenoiserSettings diffusionSettings;
  private final int threads;
  private final LongAccumulator framesMeasured;
  private final LongAccumulator fieldsLoaded;
  private final FaultInjector faults;

  /**
   * {@code fieldSettings} are the trajectory settings stored fields must match (and missing ones are trained
   * with, on {@code threads} threads); {@code diffusionSettings} the configured ({@code fym.diffusion.*}) settings
   * {@code fym} configurations derive theirs from; {@code fieldsLoaded} counts the shots whose field came from
   * storage.
   */
  public EvaluatePartitionFunction(Localizer localizer, ArtifactStore artifacts, VideoLimits limits,
      double folderFps, TrajectorySettings fieldSettings, DenoiserSettings diffusionSettings, int threads,
      LongAccumulator framesMeasured, LongAccumulator fieldsLoaded, FaultInjector faults) {
    this.localizer = localizer;
    this.artifacts = artifacts;
    this.limits = limits;
    this.folderFps = folderFps;
    this.fieldSettings = new TreeMap<>(fieldSettings.canonical());
    this.diffusionSettings = diffusionSettings;
    this.threads = threads;
    this.framesMeasured = framesMeasured;
    this.fieldsLoaded = fieldsLoaded;
    this.faults = faults;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> items) throws Exception {
    List<Row> out = new ArrayList<>();
    Path tmp = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "fym-evaluate"));
    while (items.hasNext()) {
      EvalItem item = EvalItem.fromRow(items.next());
      List<Row> rows = new ArrayList<>();
      long started = System.currentTimeMillis();
      String key = item.clip() + "/" + item.edit() + "/" + item.config().method();
      try {
        ArtifactStore.Artifact video = evaluate(item, tmp, rows, faults.forItem(STAGE, item.identity() + "/" + key));
        out.addAll(rows);
        out.add(RowFactory.create("run", null, null, null, null,
            StageRun.succeeded(STAGE, item.identity(), key, item.config().hash(), started, video)));
      } catch (Exception e) {
        FymException f = Errors.wrap(item.editedUri(), e);
        out.add(RowFactory.create("quarantine", null, null, null, IngestRows.quarantine(item.editedUri(),
            item.identity(), item.clip(), "evaluate:" + item.config().method(), f, item.config().hash(),
            new Timestamp(System.currentTimeMillis())), null));
        out.add(RowFactory.create("run", null, null, null, null,
            StageRun.failed(STAGE, item.identity(), key, item.config().hash(), started, f)));
      }
    }
    return out.iterator();
  }

  /** Corrects and measures one item into {@code rows}; returns the stored corrected video. */
  private ArtifactStore.Artifact evaluate(EvalItem item, Path tmp, List<Row> rows, FaultInjector.Fault fault)
      throws Exception {
    long start = System.nanoTime();
    fault.reached(0);
    MethodConfig mc = item.config();
    StoredFields fields = new StoredFields(TrajectorySettings.fromCanonical(fieldSettings, 0, threads),
        item.fieldUris(), localizer, tmp);
    StoredDenoisers denoisers = new StoredDenoisers(diffusionSettings, item.denoiserUris(), localizer, tmp);
    Corrector corrector = Correctors.create(mc.method(), mc.overrides(), fields, denoisers);
    Path video = Files.createTempFile(tmp, "corrected-", ".mp4");
    try (Localizer.Local source = localizer.localize(item.sourceUri(), tmp);
         Localizer.Local edited = localizer.localize(item.editedUri(), tmp)) {
      correct(item, corrector, source.path(), edited.path(), video);
      fault.reached(0.5);
      fieldsLoaded.add(fields.loaded());
      String relative = "corrected/" + item.identity() + "/" + item.clip() + "/" + item.edit() + "/" + mc.method()
          + "-" + mc.hash() + ".mp4";
      ArtifactStore.Artifact stored = artifacts.store(video, relative);
      String uri = stored.uri();
      fault.reached(1);
      double correctSeconds = (System.nanoTime() - start) / 1e9;
      ClipMetrics m = measure(item, source.path(), edited.path(), video);
      Timestamp now = new Timestamp(System.currentTimeMillis());
      rows.add(RowFactory.create("corrected", RowFactory.create(item.identity(), item.clip(), item.edit(),
          mc.method(), mc.hash(), mc.canonical(), uri, (long) m.frames(), correctSeconds, now), null, null, null,
          null));
      rows.add(RowFactory.create("metrics", null, RowFactory.create(item.identity(), item.clip(), item.edit(),
          mc.method(), mc.hash(), (long) m.frames(), num(m.warpShort()), num(m.warpLong()), num(m.motionError()),
          num(m.landmarkError()), num(m.flicker()), num(m.editFidelity()), num(m.psnr()), num(m.ssim()),
          (System.nanoTime() - start) / 1e9 - correctSeconds, now), null, null, null));
      for (FrameMetrics f : m.perFrame()) {
        rows.add(RowFactory.create("frame", null, null, RowFactory.create(item.identity(), item.clip(), item.edit(),
            mc.method(), mc.hash(), f.frame(), f.shot(), num(f.warpShort()), num(f.warpLong()),
            num(f.lumaDeltaOutput()), num(f.psnr())), null, null));
      }
      return stored;
    } finally {
      Files.deleteIfExists(video);
    }
  }

  /** Reads each shot of source and edit into memory, corrects it, appends it to the mp4. */
  private void correct(EvalItem item, Corrector corrector, Path source, Path edited, Path video)
      throws Exception {
    try (VideoReader src = VideoReader.open(source, limits, folderFps);
         VideoReader edit = VideoReader.open(edited, limits, folderFps)) {
      VideoInfo info = src.info();
      try (VideoWriter writer = VideoWriter.open(video, info.width(), info.height(), info.fps())) {
        List<RgbImage> sources = new ArrayList<>();
        List<RgbImage> edits = new ArrayList<>();
        int index = 0;
        int shotStart = 0;
        for (RgbImage s = src.next(); s != null; s = src.next(), index++) {
          RgbImage e = edit.next();
          if (e == null) {
            throw Errors.editMismatch(item.editedUri(), item.sourceUri(), "the frame count", "more", index);
          }
          if (index > 0 && item.shotStarts().contains(index)) {
            flush(corrector, sources, edits, shotStart, item.faceBoxes(), writer);
            shotStart = index;
          }
          sources.add(s);
          edits.add(crop(e, s));
        }
        flush(corrector, sources, edits, shotStart, item.faceBoxes(), writer);
      }
    }
  }

  private static void flush(Corrector corrector, List<RgbImage> sources, List<RgbImage> edits, int shotStart,
      Map<Integer, Box> faceBoxes, VideoWriter writer) throws Exception {
    if (sources.isEmpty()) {
      return;
    }
    for (RgbImage f : corrector.correctShot(new InMemoryShot(sources, edits, shotStart, faceBoxes))) {
      writer.write(f);
    }
    sources.clear();
    edits.clear();
  }

  /** The lossless store pads an odd width by one column: crop an edited frame back to its source's size. */
  private static RgbImage crop(RgbImage edited, RgbImage source) {
    if (edited.width() == source.width() && edited.height() == source.height()) {
      return edited;
    }
    return edited.resample(new Box(0, 0, source.width(), source.height()), source.width(),
        source.height());
  }

  private ClipMetrics measure(EvalItem item, Path source, Path edited, Path output) throws Exception {
    try (VideoReader src = VideoReader.open(source, limits, folderFps);
         VideoReader edit = VideoReader.open(edited, limits, folderFps);
         VideoReader out = VideoReader.open(output, limits, folderFps);
         ClipEvaluator evaluator = new ClipEvaluator(ClipEvaluator.Options.defaults()
             .withLandmarks(LandmarkNet.load()))) {
      int index = 0;
      for (RgbImage s = src.next(); s != null; s = src.next(), index++) {
        RgbImage o = out.next();
        RgbImage e = edit.next();
        if (o == null || e == null) {
          throw new IllegalStateException("corrected video of " + item.clip() + " ended at frame " + index);
        }
        evaluator.add(index, index == 0 || item.shotStarts().contains(index), s, crop(o, s), crop(e, s),
            item.faceBoxes().get(index));
        framesMeasured.add(1);
      }
      return evaluator.finish();
    }
  }

  private static Double num(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
