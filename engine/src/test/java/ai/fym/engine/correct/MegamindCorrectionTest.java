package ai.fym.engine.correct;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fym.engine.geom.Box;
import ai.fym.engine.image.RgbImage;
import ai.fym.engine.motion.Flow;
import ai.fym.engine.motion.FlowEstimator;
import ai.fym.engine.testing.Samples;
import ai.fym.engine.video.VideoLimits;
import ai.fym.engine.video.VideoReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The reference correctors on the first shot of the real Megamind clip (frames 1..97: frame 0 is a
 * black leader frame, which would make a useless keyframe), edited by a warm tint with a random
 * per-frame brightness and colour-balance jitter. Prints the short-term warp error and speed of each.
 */
class MegamindCorrectionTest {
  private static final int FIRST = 1;
  private static final int END = 98;

  private static List<RgbImage> sources;
  private static List<RgbImage> edits;
  /** The tint without jitter: what a perfect corrector would output. */
  private static List<RgbImage> cleanEdits;
  private static TemporalError.Motion motion;

  @BeforeAll
  static void decodeAndEdit() throws Exception {
    sources = new ArrayList<>();
    edits = new ArrayList<>();
    cleanEdits = new ArrayList<>();
    Random random = new Random(7);
    try (VideoReader reader = VideoReader.open(Samples.megamind(), VideoLimits.defaults())) {
      for (int t = 0; t < END; t++) {
        RgbImage frame = reader.next();
        if (t >= FIRST) {
          sources.add(frame);
          edits.add(tint(frame, random.nextDouble() * 24 - 12, 1.1 + random.nextDouble() * 0.12 - 0.06,
              0.85 + random.nextDouble() * 0.12 - 0.06));
          cleanEdits.add(tint(frame, 0, 1.1, 0.85));
        }
      }
    }
    motion = TemporalError.Motion.of(sources);
  }

  @Test
  void smoothingAndPropagationFlickerLessThanThePerFrameEdit() throws Exception {
    Map<String, Double> errors = new LinkedHashMap<>();
    ShotFrames shot = new InMemoryShot(sources, edits);
    for (String method : Correctors.names()) {
      if (method.equals(SourceCorrector.NAME) || method.equals(FymCorrector.NAME)) {
        continue;
      }
      Corrector corrector = Correctors.create(method, Map.of());
      long start = System.nanoTime();
      List<RgbImage> out = corrector.correctShot(shot);
      double msPerFrame = (System.nanoTime() - start) / 1e6 / out.size();
      TemporalError.Score score = TemporalError.of(out, motion);
      double structure = structureError(out);
      errors.put(method, score.mseX1000());
      System.out.printf("megamind %-10s %s: warp error %.3f (x1000 MSE), %.2f mean abs; structure error %.2f;"
          + " %.1f ms/frame%n", method, corrector.config(), score.mseX1000(), score.meanAbs(), structure,
          msPerFrame);
      assertTrue(structure < 3, method + " keeps the edit's structure (no ghosting): " + structure);
    }
    System.out.printf("megamind source warp error (the floor): %.3f%n", TemporalError.of(sources, motion).mseX1000());
    double perFrame = errors.get("per-frame");
    assertTrue(errors.get("smooth") < 0.5 * perFrame, "smooth: " + errors);
    assertTrue(errors.get("propagate") < 0.5 * perFrame, "propagate: " + errors);
    assertTrue(errors.get("trajectory-warp") < 0.5 * perFrame, "trajectory-warp: " + errors);
  }

  @Test
  void halfResolutionFlowIsCloseToFullResolutionAndFaster() {
    int pairs = 24;
    long full = 0;
    long half = 0;
    double endpointError = 0;
    long counted = 0;
    try (FlowEstimator dis = new FlowEstimator(); SourceMotion halfMotion = new SourceMotion(2, 12)) {
      for (int t = 1; t <= pairs; t++) {
        long start = System.nanoTime();
        dis.estimate(sources.get(t), sources.get(t - 1));
        full += System.nanoTime() - start;
        RgbImage a = sources.get(t);
        RgbImage b = sources.get(t - 1);
        start = System.nanoTime();
        Flow coarse = dis.estimate(shrink(a), shrink(b));
        half += System.nanoTime() - start;
        Flow upsampled = new SourceMotion.ScaledFlow(coarse, a.width(), a.height()).full();
        Flow reference = motion.curToPrev().get(t - 1);
        boolean[] visible = motion.visible().get(t - 1);
        for (int i = 0; i < visible.length; i++) {
          if (visible[i]) {
            endpointError += Math.hypot(upsampled.xy()[2 * i] - reference.xy()[2 * i],
                upsampled.xy()[2 * i + 1] - reference.xy()[2 * i + 1]);
            counted++;
          }
        }
      }
    }
    double epe = endpointError / counted;
    System.out.printf("megamind DIS flow: full resolution %.1f ms, half %.1f ms per call;"
        + " half vs full mean endpoint difference %.3f px%n", full / 1e6 / pairs, half / 1e6 / pairs, epe);
    assertTrue(epe < 0.5, "half-resolution flow agrees with full resolution: " + epe);
    assertTrue(half < full, "and is faster");
  }

  private static RgbImage shrink(RgbImage image) {
    return image.resample(new Box(0, 0, image.width(), image.height()), image.width() / 2, image.height() / 2);
  }

  /** A warm tint: red and blue gains and a brightness offset (the test jitters them per frame). */
  private static RgbImage tint(RgbImage frame, double brightness, double redGain, double blueGain) {
    byte[] in = frame.rgb();
    byte[] out = new byte[in.length];
    for (int i = 0; i < in.length; i += 3) {
      out[i] = clamp(redGain * (in[i] & 0xff) + brightness);
      out[i + 1] = clamp((in[i + 1] & 0xff) + brightness);
      out[i + 2] = clamp(blueGain * (in[i + 2] & 0xff) + brightness);
    }
    return new RgbImage(frame.width(), frame.height(), out);
  }

  /**
   * Mean absolute difference from the jitter-free edit after removing each frame's mean colour
   * offset: global flicker does not count, ghosts and smears do.
   */
  private static double structureError(List<RgbImage> out) {
    double total = 0;
    for (int t = 0; t < out.size(); t++) {
      byte[] a = out.get(t).rgb();
      byte[] b = cleanEdits.get(t).rgb();
      double[] offset = new double[3];
      for (int k = 0; k < a.length; k++) {
        offset[k % 3] += (a[k] & 0xff) - (b[k] & 0xff);
      }
      double sum = 0;
      for (int k = 0; k < a.length; k++) {
        sum += Math.abs((a[k] & 0xff) - (b[k] & 0xff) - offset[k % 3] / (a.length / 3));
      }
      total += sum / a.length;
    }
    return total / out.size();
  }

  private static byte clamp(double v) {
    return (byte) Math.max(0, Math.min(255, Math.round(v)));
  }
}
