package ai.fym.jobs.bench;

import ai.fym.engine.config.FymConfig;
import ai.fym.engine.errors.FymException;
import ai.fym.engine.face.FaceDetection;
import ai.fym.engine.face.FaceDetector;
import ai.fym.engine.face.FaceDetectors;
import ai.fym.engine.image.RgbImage;
import ai.fym.engine.ingest.ClipAnalysis;
import ai.fym.engine.ingest.ClipIngestor;
import ai.fym.engine.landmarks.LandmarkBenchmark;
import ai.fym.engine.video.VideoReader;
import ai.fym.jobs.ingest.IngestJob;
import ai.fym.jobs.ingest.IngestSummary;
import ai.fym.jobs.tables.DeltaStore;
import ai.fym.udfs.models.ExecutorModels;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;

/**
 * {@code bin/fym bench ingest}: throughput of each ingest step on the sample clip, measured in one
 * run: decoding, face detection, landmarks (one core), embeddings, the engine's whole clip ingest,
 * and the whole Spark ingest command into a fresh output root; plus peak memory. Each figure is set
 * beside its target from the issue as a ratio.
 */
public final class IngestBenchmark {
  private final FymConfig config;
  private final PrintStream out;

  public IngestBenchmark(FymConfig config, PrintStream out) {
    this.config = config;
    this.out = out;
  }

  /** Runs every measurement and returns the figures, in print order. */
  public List<Figure> run(Path clip, SparkSession spark, Path scratch) throws Exception {
    List<Figure> figures = new ArrayList<>();
    List<RgbImage> frames = new ArrayList<>();
    long t0 = System.nanoTime();
    try (VideoReader reader = VideoReader.open(clip, config.videoLimits())) {
      RgbImage f;
      while ((f = reader.next()) != null) {
        frames.add(f);
      }
    }
    double decode = frames.size() / seconds(t0);
    figures.add(new Figure("decode (JavaCV, 720x528 mpeg4)", decode, "frames/s", 0, false));
    out.println(figures.get(figures.size() - 1).line());

    FaceDetection face = null;
    RgbImage faceFrame = null;
    try (FaceDetector blaze = FaceDetectors.blazeFace((float) config.getDouble(FymConfig.INGEST_MIN_FACE_SCORE));
         FaceDetector fallback = FaceDetectors.withFallback(
             (float) config.getDouble(FymConfig.INGEST_MIN_FACE_SCORE))) {
      for (int i = 0; i < 20; i++) {
        blaze.detect(frames.get(i));
      }
      t0 = System.nanoTime();
      for (RgbImage f : frames) {
        for (FaceDetection d : blaze.detect(f)) {
          if (face == null || d.score() > face.score()) {
            face = d;
            faceFrame = f;
          }
        }
      }
      figures.add(new Figure("detection, BlazeFace only", frames.size() / seconds(t0), "frames/s", 0, false));
      out.println(figures.get(figures.size() - 1).line());
      t0 = System.nanoTime();
      for (RgbImage f : frames) {
        fallback.detect(f);
      }
      figures.add(new Figure("detection, BlazeFace + Haar fallback", frames.size() / seconds(t0), "frames/s", 0,
          false));
      out.println(figures.get(figures.size() - 1).line());
    }
    if (face == null) {
      throw new IllegalStateException("no face detected in " + clip + ": cannot benchmark landmarks");
    }
    ExecutorModels models = new ExecutorModels((float) config.getDouble(FymConfig.INGEST_MIN_FACE_SCORE));
    double landmarkMs = LandmarkBenchmark.msPerFace(faceFrame, face.box(), 100, 300);
    figures.add(new Figure("landmarks, one core", landmarkMs, "ms/face", 10, true));
    out.println(figures.get(figures.size() - 1).line());
    models.embedder().embed(faceFrame, face.box());
    t0 = System.nanoTime();
    for (int i = 0; i < 10; i++) {
      models.embedder().embed(faceFrame, face.box());
    }
    figures.add(new Figure("face embedding, one core", seconds(t0) * 100, "ms/face", 0, true));
    out.println(figures.get(figures.size() - 1).line());
    frames.clear();

    int cores = Runtime.getRuntime().availableProcessors();
    t0 = System.nanoTime();
    long faces = engineIngest(clip, models, cores);
    double engineSeconds = seconds(t0);
    figures.add(new Figure("engine clip ingest (" + cores + " threads)", decodeCount(clip) / engineSeconds,
        "frames/s", 30, false));
    out.println(figures.get(figures.size() - 1).line() + String.format(Locale.ROOT, "  (%d face frames)", faces));

    long clipFrames = decodeCount(clip);
    figures.add(sparkIngest(spark, clip, scratch.resolve("one"), 1, clipFrames,
        "whole ingest command, 1 clip (Spark + Delta, cold)"));
    figures.add(sparkIngest(spark, clip, scratch.resolve("four"), 4, clipFrames,
        "whole ingest command, 4 clips (Spark + Delta)"));
    figures.add(new Figure("peak resident memory (VmHWM)", Memory.peakResidentMiB(), "MiB", 0, true));
    out.println(figures.get(figures.size() - 1).line());
    return figures;
  }

  /** Ingests a corpus of {@code copies} identities holding the clip into a fresh output root. */
  private Figure sparkIngest(SparkSession spark, Path clip, Path dir, int copies, long clipFrames, String name)
      throws Exception {
    for (int i = 0; i < copies; i++) {
      Path identity = Files.createDirectories(dir.resolve("corpus/person" + i));
      Files.copy(clip, identity.resolve(clip.getFileName()));
    }
    long t0 = System.nanoTime();
    IngestSummary s = new IngestJob(spark, config, new DeltaStore(spark, dir.resolve("out").toString()), out)
        .run(dir.resolve("corpus").toString());
    double secs = seconds(t0);
    Figure f = new Figure(name, copies * clipFrames / secs, "frames/s", 30, false);
    out.println(f.line() + String.format(Locale.ROOT, "  (%d face frames, %.1f s)", s.frames(), secs));
    return f;
  }

  private long engineIngest(Path clip, ExecutorModels models, int threads) throws FymException {
    ClipAnalysis a = new ClipIngestor(config.ingestSettings(threads), models).analyse(clip, clip.toString());
    long n = 0;
    try (ClipAnalysis.FrameStream s = a.frames()) {
      while (s.next() != null) {
        n++;
      }
    }
    return n;
  }

  private long decodeCount(Path clip) throws FymException {
    long n = 0;
    try (VideoReader r = VideoReader.open(clip, config.videoLimits())) {
      while (r.next() != null) {
        n++;
      }
    }
    return n;
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
