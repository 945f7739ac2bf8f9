package ai.fym.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fym.engine.testing.Samples;
import org.bytedeco.opencv.global.opencv_core;
import org.junit.jupiter.api.Test;

/**
 * The evaluator on real frames (Megamind 0..60, one shot, black first frame) whose output is the
 * source with a per-frame brightness jitter: reports the metrics and throughput at full- and
 * half-resolution flow, and checks that both resolutions agree.
 */
class MegamindMetricsTest {
  private static final int FRAMES = 61;
  private static final int JITTER = 8;

  @Test
  void jitteredBrightnessOnRealFramesAtFullAndHalfResolutionFlow() throws Exception {
    int openCvThreads = opencv_core.getNumThreads();
    opencv_core.setNumThreads(1); // one core, as one Spark task evaluates one clip
    MetricsBenchmark.Result half;
    MetricsBenchmark.Result full;
    try {
      // warm-up: JIT and DIS buffers, so the timings below are steady state
      MetricsBenchmark.run(Samples.megamind(), 6, JITTER, ClipEvaluator.Options.defaults());
      half = MetricsBenchmark.run(Samples.megamind(), FRAMES, JITTER, ClipEvaluator.Options.defaults());
      full = MetricsBenchmark.run(Samples.megamind(), FRAMES, JITTER, ClipEvaluator.Options.defaults().withFlowScale(1f));
    } finally {
      opencv_core.setNumThreads(openCvThreads);
    }
    report("half", half);
    report("full", full);
    for (MetricsBenchmark.Result r : new MetricsBenchmark.Result[] {half, full}) {
      ClipMetrics m = r.metrics();
      assertEquals(FRAMES, m.frames());
      assertEquals(2, m.shots(), "frames 0..60: the black lead-in frame, then one shot");
      // uniform integer jitter in [-8, 8]: E|b_t - b_t-1| = 5.9; the black first frame clips it
      assertTrue(m.flicker() > 3 && m.flicker() < 8, "flicker " + m.flicker());
      assertTrue(m.warpShort() > 0 && m.warpShort() < 5, "warpShort " + m.warpShort());
      assertEquals(100.0, m.psnr(), "the output is the per-frame edit");
    }
    ClipMetrics h = half.metrics();
    ClipMetrics f = full.metrics();
    assertEquals(f.warpShort(), h.warpShort(), 0.25 * f.warpShort(), "half-resolution flow: warpShort within 25%");
    assertEquals(f.flicker(), h.flicker(), 1e-9, "flicker needs no flow");
  }

  private static void report(String flow, MetricsBenchmark.Result r) {
    ClipMetrics m = r.metrics();
    System.out.printf("Megamind 0..%d, %s-resolution flow: %.1f frames/s wall (%.1f s), %.1f frames per CPU second; warpShort %.4f, warpLong %.4f, "
            + "motionError %.3f px, flicker %.3f, editFidelity %.2f dB, psnr %.2f, ssim %.4f%n",
        FRAMES - 1, flow, r.framesPerSecond(), r.seconds(), r.framesPerCpuSecond(), m.warpShort(), m.warpLong(), m.motionError(),
        m.flicker(), m.editFidelity(), m.psnr(), m.ssim());
  }
}
