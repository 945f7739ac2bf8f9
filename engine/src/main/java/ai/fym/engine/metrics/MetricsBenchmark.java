package ai.fym.engine.metrics;

import ai.fym.engine.errors.FymException;
import ai.fym.engine.image.RgbImage;
import ai.fym.engine.video.ShotDetector;
import ai.fym.engine.video.VideoLimits;
import ai.fym.engine.video.VideoReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Times {@link ClipEvaluator} on the first frames of a real clip, for the bench command: the frames
 * are decoded first (not timed), the output and per-frame edit are the source with a seeded per-frame
 * brightness jitter (a typical flickering per-frame edit), shots come from {@link ShotDetector}.
 */
public final class MetricsBenchmark {
  /** Seed of the brightness jitter, fixed so that runs are comparable. */
  public static final long JITTER_SEED = 7;

  /**
   * One timed run.
   *
   * @param frames frames evaluated
   * @param seconds wall time of the evaluator alone
   * @param cpuSeconds CPU time of the calling thread meanwhile: the one-core cost when OpenCV runs
   *     single-threaded, and unlike wall time not inflated by other processes sharing the cores
   * @param metrics what the evaluator reported
   */
  public record Result(int frames, double seconds, double cpuSeconds, ClipMetrics metrics) {
    public double framesPerSecond() {
      return frames / seconds;
    }

    public double framesPerCpuSecond() {
      return frames / cpuSeconds;
    }
  }

  private MetricsBenchmark() {}

  /**
   * Evaluates up to {@code maxFrames} frames of {@code clip} whose output adds a brightness offset
   * drawn uniformly from {@code [-jitter, jitter]} grey levels per frame.
   */
  public static Result run(Path clip, int maxFrames, int jitter, ClipEvaluator.Options options)
      throws FymException {
    if (maxFrames <= 0 || jitter < 0) {
      throw new IllegalArgumentException("need maxFrames > 0 and jitter >= 0");
    }
    List<RgbImage> sources = new ArrayList<>();
    try (VideoReader reader = VideoReader.open(clip, VideoLimits.defaults())) {
      RgbImage frame;
      while (sources.size() < maxFrames && (frame = reader.next()) != null) {
        sources.add(frame);
      }
    }
    ShotDetector shots = new ShotDetector();
    boolean[] starts = new boolean[sources.size()];
    List<RgbImage> outputs = new ArrayList<>();
    Random random = new Random(JITTER_SEED);
    for (int t = 0; t < sources.size(); t++) {
      starts[t] = shots.observe(sources.get(t));
      outputs.add(brighten(sources.get(t), random.nextInt(2 * jitter + 1) - jitter));
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long cpuStart = threads.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    try (ClipEvaluator evaluator = new ClipEvaluator(options)) {
      for (int t = 0; t < sources.size(); t++) {
        evaluator.add(t, starts[t], sources.get(t), outputs.get(t), outputs.get(t), null);
      }
      ClipMetrics metrics = evaluator.finish();
      double seconds = (System.nanoTime() - start) / 1e9;
      double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
      return new Result(sources.size(), seconds, cpuSeconds, metrics);
    }
  }

  /** The image with {@code offset} added to every channel, clamped to 0..255. */
  public static RgbImage brighten(RgbImage image, int offset) {
    byte[] in = image.rgb();
    byte[] out = new byte[in.length];
    for (int i = 0; i < in.length; i++) {
      out[i] = (byte) Math.max(0, Math.min(255, (in[i] & 0xff) + offset));
    }
    return new RgbImage(image.width(), image.height(), out);
  }
}
