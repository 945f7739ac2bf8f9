package ai.fym.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fym.engine.image.RgbImage;
import ai.fym.engine.motion.Flow;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Known answers of the warp, motion and flicker metrics on clips with a known motion. */
class WarpMetricsTest {
  private static final float DX = 0.6f;
  private static final float DY = -0.35f;
  private static final int FRAMES = 8;
  private static RgbImage portrait;
  private static List<RgbImage> moving;

  @BeforeAll
  static void setUp() throws Exception {
    portrait = Portraits.portrait();
    moving = Portraits.sliding(portrait, 150, 110, DX, DY, FRAMES);
  }

  @Test
  void aStaticClipHasExactlyZeroWarpMotionAndFlickerErrors() {
    List<RgbImage> still = Collections.nCopies(5, moving.get(0));
    ClipMetrics m = Portraits.evaluate(still, still, still);
    assertEquals(0.0, m.warpShort());
    assertEquals(0.0, m.warpLong());
    assertEquals(0.0, m.motionError());
    assertEquals(0.0, m.flicker());
    assertEquals(PixelErrors.PSNR_CAP_DB, m.psnr());
    assertEquals(PixelErrors.PSNR_CAP_DB, m.editFidelity());
    assertEquals(1.0, m.ssim(), 1e-6);
    assertEquals(5, m.frames());
    assertEquals(1, m.shots());
  }

  @Test
  void theSourceFlowRecoversTheKnownSubPixelStepAtFullAndHalfResolution() {
    for (float scale : new float[] {1f, 0.5f}) {
      try (ScaledFlow flows = new ScaledFlow(scale)) {
        Flow f = flows.estimate(flows.shrink(moving.get(3)), flows.shrink(moving.get(2)), Portraits.SIDE, Portraits.SIDE);
        double[] mean = interiorMean(f, 24);
        System.out.printf("flow at scale %.1f: mean (%.3f, %.3f), true (%.2f, %.2f)%n", scale, mean[0], mean[1], DX, DY);
        assertEquals(DX, mean[0], 0.1, "dx at scale " + scale);
        assertEquals(DY, mean[1], 0.1, "dy at scale " + scale);
      }
    }
  }

  @Test
  void outputEqualToAMovingSourceLeavesOnlyTheFlowsAlignmentErrorAndNoMotionError() {
    ClipMetrics m = Portraits.evaluate(moving, moving, moving);
    System.out.printf("output == moving source: warpShort %.4f, warpLong %.4f (x1000 MSE)%n", m.warpShort(), m.warpLong());
    // 0.5 x1000 MSE = RMS of 5.7 grey levels: far above what a good alignment leaves, far below a misalignment
    assertTrue(m.warpShort() > 0 && m.warpShort() < 0.5, "warpShort " + m.warpShort());
    assertTrue(m.warpLong() > 0 && m.warpLong() < 0.5, "warpLong " + m.warpLong());
    assertEquals(0.0, m.motionError(), "the output's flow is the source's flow");
    assertEquals(0.0, m.flicker());
  }

  @Test
  void randomBrightnessJitterRaisesWarpShortByItsSquaredStepAndFlickerByItsMeanStep() {
    int amplitude = 12;
    Random random = new Random(3);
    int[] offsets = new int[FRAMES];
    for (int t = 0; t < FRAMES; t++) {
      offsets[t] = random.nextInt(2 * amplitude + 1) - amplitude;
    }
    List<RgbImage> jittered = Portraits.brightened(moving, offsets);
    ClipMetrics clean = Portraits.evaluate(moving, moving, moving);
    ClipMetrics noisy = Portraits.evaluate(moving, jittered, jittered);
    double squared = 0;
    double absolute = 0;
    for (int t = 1; t < FRAMES; t++) {
      int step = offsets[t] - offsets[t - 1];
      squared += step * step;
      absolute += Math.abs(step);
    }
    // a constant offset b passes through bilinear sampling unchanged, so each pair's residual becomes
    // e + db: its MSE grows by db^2 plus the cross term 2 db mean(e), small as the alignment error e
    // is small and near zero-mean; 10% covers it
    double predicted = 1000.0 * squared / (FRAMES - 1) / (255.0 * 255.0);
    double growth = noisy.warpShort() - clean.warpShort();
    System.out.printf("jitter A=%d: warpShort %.4f -> %.4f, growth %.4f, predicted %.4f; flicker %.4f, predicted %.4f%n",
        amplitude, clean.warpShort(), noisy.warpShort(), growth, predicted, noisy.flicker(), absolute / (FRAMES - 1));
    assertEquals(predicted, growth, 0.1 * predicted);
    assertEquals(absolute / (FRAMES - 1), noisy.flicker(), 1e-9);
  }

  @Test
  void alternatingFlickerOfAmplitudeAMeasuresTwoA() {
    int amplitude = 10;
    int[] offsets = new int[FRAMES];
    for (int t = 0; t < FRAMES; t++) {
      offsets[t] = t % 2 == 0 ? amplitude : -amplitude;
    }
    List<RgbImage> flickering = Portraits.brightened(moving, offsets);
    ClipMetrics m = Portraits.evaluate(moving, flickering, moving);
    assertEquals(2.0 * amplitude, m.flicker(), 0.05 * 2 * amplitude);
    for (FrameMetrics f : m.perFrame().subList(1, FRAMES)) {
      assertEquals(2.0 * amplitude, Math.abs(f.lumaDeltaOutput() - f.lumaDeltaSource()), 1e-9);
    }
  }

  @Test
  void pairsAcrossACutAreSkipped() {
    List<RgbImage> second = Portraits.sliding(portrait, 40, 300, -0.8f, 0.5f, 5);
    List<RgbImage> both = new ArrayList<>(moving);
    both.addAll(second);
    ClipMetrics first = Portraits.evaluate(moving, moving, moving);
    ClipMetrics other = Portraits.evaluate(second, second, second);
    ClipMetrics joined = Portraits.evaluate(both, both, both, FRAMES);
    int n1 = defined(first);
    int n2 = defined(other);
    assertEquals(FRAMES - 1 + second.size() - 1, defined(joined));
    assertEquals((n1 * first.warpShort() + n2 * other.warpShort()) / (n1 + n2), joined.warpShort(), 1e-12);
    assertEquals(2, joined.shots());
    assertTrue(Double.isNaN(joined.perFrame().get(FRAMES).warpShort()), "the first frame after the cut has no pair");
    assertEquals(1, joined.perFrame().get(FRAMES).shot());
    ClipMetrics uncut = Portraits.evaluate(both, both, both);
    System.out.printf("two shots: warpShort %.4f with the cut, %.4f if the cut is ignored%n",
        joined.warpShort(), uncut.warpShort());
    assertTrue(uncut.warpShort() > 2 * joined.warpShort(), "a pair across the cut would dominate");
  }

  private static int defined(ClipMetrics m) {
    return (int) m.perFrame().stream().filter(f -> !Double.isNaN(f.warpShort())).count();
  }

  private static double[] interiorMean(Flow f, int margin) {
    double sx = 0;
    double sy = 0;
    int n = 0;
    for (int y = margin; y < f.height() - margin; y++) {
      for (int x = margin; x < f.width() - margin; x++) {
        sx += f.dx(x, y);
        sy += f.dy(x, y);
        n++;
      }
    }
    return new double[] {sx / n, sy / n};
  }
}
