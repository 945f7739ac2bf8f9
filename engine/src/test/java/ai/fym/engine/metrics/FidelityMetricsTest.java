package ai.fym.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fym.engine.geom.Box;
import ai.fym.engine.image.RgbImage;
import ai.fym.engine.landmarks.LandmarkNet;
import ai.fym.engine.testing.Samples;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Known answers of edit fidelity, PSNR, SSIM and the landmark metric. */
class FidelityMetricsTest {
  private static final int FRAMES = 6;
  private static RgbImage portrait;

  @BeforeAll
  static void setUp() throws Exception {
    portrait = Portraits.portrait();
  }

  @Test
  void keepingTheEditScoresHigherThanDroppingItAndSmoothingItScoresHighest() {
    RgbImage tinted = tint(portrait, 200, 200, 90);
    List<RgbImage> source = Portraits.sliding(portrait, 120, 120, 0.7f, 0.4f, FRAMES);
    List<RgbImage> steadyEdit = Portraits.sliding(tinted, 120, 120, 0.7f, 0.4f, FRAMES);
    int amplitude = 6;
    int[] jitter = new int[FRAMES];
    for (int t = 0; t < FRAMES; t++) {
      jitter[t] = t % 2 == 0 ? amplitude : -amplitude;
    }
    List<RgbImage> edit = Portraits.brightened(steadyEdit, jitter);
    ClipMetrics perFrame = Portraits.evaluate(source, edit, edit);
    ClipMetrics dropped = Portraits.evaluate(source, source, edit);
    ClipMetrics smoothed = Portraits.evaluate(source, steadyEdit, edit);
    System.out.printf("edit fidelity (dB): per-frame edit %.2f, source %.2f, steady edit %.2f%n",
        perFrame.editFidelity(), dropped.editFidelity(), smoothed.editFidelity());
    // the per-frame edit keeps its jitter j_t = +-A: at a shot end the 2-frame mean has none, so
    // the residual is A; inside, the 3-frame mean keeps -+A/3 and the residual is 4A/3 (where both
    // neighbours are visible, i.e. almost everywhere: 1 dB covers the rest)
    double atEnds = PixelErrors.psnrOfMse(amplitude * amplitude);
    double inside = PixelErrors.psnrOfMse(16.0 * amplitude * amplitude / 9);
    for (FrameMetrics f : perFrame.perFrame()) {
      boolean end = f.frame() == 0 || f.frame() == FRAMES - 1;
      assertEquals(end ? atEnds : inside, f.editFidelity(), 1.0, "frame " + f.frame());
    }
    assertTrue(perFrame.editFidelity() > dropped.editFidelity() + 8, "keeping the edit beats dropping it");
    assertTrue(smoothed.editFidelity() > perFrame.editFidelity(), "the jitter-free edit is closest to the mean");
    assertEquals(PixelErrors.PSNR_CAP_DB, perFrame.psnr());
    assertEquals(1.0, perFrame.ssim(), 1e-6);
    assertTrue(dropped.psnr() < perFrame.psnr() && dropped.ssim() < 1);
  }

  @Test
  void psnrAndSsimOfAConstantOffsetMatchTheirFormulas() {
    RgbImage flat = flat(64, 48, 100);
    RgbImage brighter = flat(64, 48, 120);
    assertEquals(10 * Math.log10(255.0 * 255 / 400), PixelErrors.psnr(flat, brighter), 1e-9);
    double c1 = Math.pow(0.01 * 255, 2);
    // no structure: the contrast-structure term is C2 / C2 = 1, only luminance differs
    double expected = (2 * 100.0 * 120 + c1) / (100.0 * 100 + 120.0 * 120 + c1);
    assertEquals(expected, Ssim.of(flat, brighter), 1e-5);
    RgbImage window = portrait.resample(new Box(100, 100, 96, 96), 96, 96);
    assertEquals(1.0, Ssim.of(window, window), 1e-6);
    assertTrue(Ssim.of(window, MetricsBenchmark.brighten(window, 20)) > Ssim.of(window, flat(96, 96, 128)));
  }

  @Test
  void landmarkErrorIsZeroForTheSourceAndFollowsAShiftOfTheFace() throws Exception {
    float side = 320;
    List<RgbImage> source = List.of(window(96, 60, side), window(96, 60, side), window(96, 60, side));
    float shift = 8;
    List<RgbImage> shifted = List.of(window(96, 60, side), window(96 + shift, 60, side), window(96 + shift, 60, side));
    Box face = Samples.largestHaarFace(source.get(0)).orElseThrow(() -> new AssertionError("no face found"));
    ClipEvaluator.Options options = ClipEvaluator.Options.defaults().withLandmarks(LandmarkNet.load());
    ClipMetrics same = Portraits.evaluate(options, source, source, source, face);
    ClipMetrics moved = Portraits.evaluate(options, source, shifted, shifted, face);
    ClipMetrics without = Portraits.evaluate(ClipEvaluator.Options.defaults(), source, shifted, shifted, face);
    double expected = shift / Math.max(face.width(), face.height());
    double second = moved.perFrame().get(1).landmarkError();
    System.out.printf("landmark error: source %.4f, %.0f px shift %.4f (expected about %.4f)%n",
        same.landmarkError(), shift, second, expected);
    assertEquals(0.0, same.landmarkError());
    assertEquals(0.0, moved.perFrame().get(0).landmarkError());
    assertEquals(expected, second, 0.3 * expected, "landmarks follow the face within 30%");
    assertTrue(Double.isNaN(without.landmarkError()), "no network, no landmark metric");
  }

  private static RgbImage window(float x, float y, float side) {
    return portrait.resample(new Box(x, y, side, side), (int) side, (int) side);
  }

  private static RgbImage flat(int w, int h, int value) {
    byte[] rgb = new byte[w * h * 3];
    java.util.Arrays.fill(rgb, (byte) value);
    return new RgbImage(w, h, rgb);
  }

  /** The image with a warm tint inside a disc (portrait pixels), as an edit that sticks to the content. */
  private static RgbImage tint(RgbImage image, int cx, int cy, int radius) {
    byte[] out = image.rgb().clone();
    int[] delta = {40, -25, -30};
    for (int y = 0; y < image.height(); y++) {
      for (int x = 0; x < image.width(); x++) {
        if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= radius * radius) {
          for (int c = 0; c < 3; c++) {
            int o = (y * image.width() + x) * 3 + c;
            out[o] = (byte) Math.max(0, Math.min(255, (out[o] & 0xff) + delta[c]));
          }
        }
      }
    }
    return new RgbImage(image.width(), image.height(), out);
  }
}
