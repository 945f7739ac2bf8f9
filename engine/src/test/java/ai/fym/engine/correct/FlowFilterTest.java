package ai.fym.engine.correct;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fym.engine.geom.Box;
import ai.fym.engine.image.ImageCodec;
import ai.fym.engine.image.RgbImage;
import ai.fym.engine.testing.Samples;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The flow filter on a shot with known motion (a window of the Grace Hopper portrait sliding 1 px per frame) whose
 * source frames carry their own grain and whose edit is a brightening by 20 with a per-frame jitter of +-12.
 */
class FlowFilterTest {
  private static final int FRAMES = 10;
  private static final int SIDE = 160;
  private static final int LIFT = 20;

  private static List<RgbImage> sources;
  private static List<RgbImage> edits;

  @BeforeAll
  static void makeShot() throws Exception {
    RgbImage portrait = ImageCodec.read(Samples.graceHopper());
    Random random = new Random(5);
    sources = new ArrayList<>();
    edits = new ArrayList<>();
    for (int t = 0; t < FRAMES; t++) {
      RgbImage clean = portrait.resample(new Box(150 + t, 120, SIDE, SIDE), SIDE, SIDE);
      RgbImage source = shift(clean, random, 0, 6);
      sources.add(source);
      edits.add(shift(source, random, LIFT + random.nextInt(25) - 12, 0));
    }
  }

  @Test
  void weightOneReturnsTheFramesAsTheyAre() throws Exception {
    List<RgbImage> out = new FlowFilter(1, 2, 16).filterResidual(new InMemoryShot(sources, edits));
    for (int t = 0; t < FRAMES; t++) {
      assertArrayEquals(edits.get(t).rgb(), out.get(t).rgb(), "frame " + t);
    }
  }

  @Test
  void residualFusionSteadiesTheEditAndKeepsTheSourcesOwnGrain() throws Exception {
    InMemoryShot shot = new InMemoryShot(sources, edits);
    List<RgbImage> residual = new FlowFilter(0.3, 2, 16).filterResidual(shot);
    List<RgbImage> frames = new FlowFilter(0.3, 2, 16).filter(shot);
    double raw = liftJitter(edits);
    double fused = liftJitter(residual);
    System.out.printf("flow filter: lift jitter raw %.2f, residual fusion %.2f; error against source + lift:"
        + " residual fusion %.2f, frame fusion %.2f%n", raw, fused, errorFromLift(residual), errorFromLift(frames));
    assertTrue(fused < 0.5 * raw, "the per-frame jitter mostly goes: " + fused + " against " + raw);
    assertTrue(errorFromLift(residual) < errorFromLift(frames),
        "the source's grain stays in the output (the frame filter averages it away)");
  }

  /** Standard deviation over frames of the mean lift (output - source) in the interior. */
  private static double liftJitter(List<RgbImage> out) {
    double sum = 0;
    double squares = 0;
    for (int t = 0; t < FRAMES; t++) {
      double lift = meanLift(out.get(t), sources.get(t));
      sum += lift;
      squares += lift * lift;
    }
    double mean = sum / FRAMES;
    return Math.sqrt(squares / FRAMES - mean * mean);
  }

  /** Mean absolute difference of (output - source - mean lift of that frame) in the interior: grain and smear. */
  private static double errorFromLift(List<RgbImage> out) {
    double total = 0;
    for (int t = 0; t < FRAMES; t++) {
      double lift = meanLift(out.get(t), sources.get(t));
      byte[] o = out.get(t).rgb();
      byte[] s = sources.get(t).rgb();
      double sum = 0;
      int count = 0;
      for (int y = 16; y < SIDE - 16; y++) {
        for (int k = 3 * (y * SIDE + 16); k < 3 * (y * SIDE + SIDE - 16); k++) {
          sum += Math.abs((o[k] & 0xff) - (s[k] & 0xff) - lift);
          count++;
        }
      }
      total += sum / count;
    }
    return total / FRAMES;
  }

  private static double meanLift(RgbImage out, RgbImage source) {
    byte[] o = out.rgb();
    byte[] s = source.rgb();
    double sum = 0;
    int count = 0;
    for (int y = 16; y < SIDE - 16; y++) {
      for (int k = 3 * (y * SIDE + 16); k < 3 * (y * SIDE + SIDE - 16); k++) {
        sum += (o[k] & 0xff) - (s[k] & 0xff);
        count++;
      }
    }
    return sum / count;
  }

  /** {@code image} plus {@code offset} everywhere and a uniform grain of +-{@code grain} per pixel. */
  private static RgbImage shift(RgbImage image, Random random, int offset, int grain) {
    byte[] in = image.rgb();
    byte[] out = new byte[in.length];
    for (int k = 0; k < in.length; k++) {
      int noise = grain == 0 ? 0 : random.nextInt(2 * grain + 1) - grain;
      out[k] = (byte) Math.max(0, Math.min(255, (in[k] & 0xff) + offset + noise));
    }
    return new RgbImage(image.width(), image.height(), out);
  }
}
