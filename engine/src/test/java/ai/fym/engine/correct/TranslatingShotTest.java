package ai.fym.engine.correct;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fym.engine.geom.Box;
import ai.fym.engine.image.ImageCodec;
import ai.fym.engine.image.RgbImage;
import ai.fym.engine.motion.Flow;
import ai.fym.engine.motion.Warp;
import ai.fym.engine.testing.Samples;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A shot with known motion: windows of the Grace Hopper portrait sliding by (DX, DY) px per frame,
 * edited by a fixed colour change plus a random brightness jitter of up to +-JITTER per frame.
 */
class TranslatingShotTest {
  private static final int FRAMES = 12;
  private static final int SIDE = 200;
  private static final float DX = 1.5f;
  private static final float DY = 1f;
  private static final int JITTER = 15;
  /** Pixels this far from the border stay inside the frame for the whole shot. */
  private static final int MARGIN = (int) Math.ceil(DX * FRAMES) + 2;

  private static List<RgbImage> sources;
  private static List<RgbImage> edits;
  private static TemporalError.Motion knownMotion;

  @BeforeAll
  static void makeShot() throws Exception {
    RgbImage portrait = ImageCodec.read(Samples.graceHopper());
    Random random = new Random(11);
    sources = new ArrayList<>();
    edits = new ArrayList<>();
    List<Flow> flows = new ArrayList<>();
    List<boolean[]> masks = new ArrayList<>();
    for (int t = 0; t < FRAMES; t++) {
      RgbImage source = portrait.resample(new Box(120 + DX * t, 100 + DY * t, SIDE, SIDE), SIDE, SIDE);
      sources.add(source);
      edits.add(recolour(source, random.nextInt(2 * JITTER + 1) - JITTER));
      if (t > 0) {
        flows.add(Flow.uniform(SIDE, SIDE, DX, DY));
        masks.add(interior());
      }
    }
    knownMotion = new TemporalError.Motion(flows, masks);
  }

  @Test
  void smoothingAndPropagationRemoveMostOfTheFlicker() throws Exception {
    ShotFrames shot = new InMemoryShot(sources, edits);
    double perFrame = warpError("per-frame", shot);
    double smooth = warpError("smooth", shot);
    double propagate = warpError("propagate", shot);
    System.out.printf("translating shot, mean abs warp error: per-frame %.2f, smooth %.2f, propagate %.2f%n",
        perFrame, smooth, propagate);
    assertTrue(perFrame > 6, "the jitter makes the raw edit flicker: " + perFrame);
    assertTrue(smooth < 0.5 * perFrame, "smooth " + smooth + " vs per-frame " + perFrame);
    assertTrue(propagate < 0.25 * perFrame, "propagate " + propagate + " vs per-frame " + perFrame);
  }

  @Test
  void propagationReproducesTheWarpedKeyframeWhereVisible() throws Exception {
    assertPropagatesKeyframe(Map.of(), 2.0);
    assertPropagatesKeyframe(Map.of("mode", "direct", "flow-downscale", "1"), 1.0);
    assertPropagatesKeyframe(Map.of("mode", "chain"), 5.0);
  }

  /** Mean absolute warp error of the method's output with its defaults, along the known motion. */
  private static double warpError(String method, ShotFrames shot) throws Exception {
    return TemporalError.of(Correctors.create(method, Map.of()).correctShot(shot), knownMotion).meanAbs();
  }

  /** Every frame's interior equals the keyframe edit shifted by the true motion, within {@code tolerance}. */
  private static void assertPropagatesKeyframe(Map<String, String> overrides, double tolerance) throws Exception {
    List<RgbImage> out = Correctors.create("propagate", overrides).correctShot(new InMemoryShot(sources, edits));
    boolean[] interior = interior();
    for (int t = 1; t < FRAMES; t++) {
      RgbImage expected = Warp.backward(edits.get(0), Flow.uniform(SIDE, SIDE, DX * t, DY * t));
      double error = meanAbs(out.get(t), expected, interior);
      assertTrue(error < tolerance, overrides + ": frame " + t + " differs from the warped keyframe by " + error);
    }
  }

  @Test
  void correctorsCanRunOnSeveralThreadsAtOnce() throws Exception {
    Corrector smooth = Correctors.create("smooth", Map.of());
    ShotFrames shot = new InMemoryShot(sources.subList(0, 4), edits.subList(0, 4));
    List<RgbImage> alone = smooth.correctShot(shot);
    List<List<RgbImage>> results = Collections.synchronizedList(new ArrayList<>());
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Thread thread = new Thread(() -> {
        try {
          results.add(smooth.correctShot(shot));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    assertEquals(3, results.size(), "every thread finished");
    for (List<RgbImage> result : results) {
      for (int t = 0; t < alone.size(); t++) {
        assertArrayEquals(alone.get(t).rgb(), result.get(t).rgb(), "frame " + t + " is the same");
      }
    }
  }

  /** A warm colour change plus {@code jitter} added to every channel. */
  private static RgbImage recolour(RgbImage source, int jitter) {
    byte[] in = source.rgb();
    byte[] out = new byte[in.length];
    for (int i = 0; i < in.length; i += 3) {
      out[i] = clamp(0.7 * (in[i] & 0xff) + 70 + jitter);
      out[i + 1] = clamp(0.9 * (in[i + 1] & 0xff) + 20 + jitter);
      out[i + 2] = clamp(0.6 * (in[i + 2] & 0xff) + jitter);
    }
    return new RgbImage(source.width(), source.height(), out);
  }

  private static byte clamp(double v) {
    return (byte) Math.max(0, Math.min(255, Math.round(v)));
  }

  private static boolean[] interior() {
    boolean[] mask = new boolean[SIDE * SIDE];
    for (int y = MARGIN; y < SIDE - MARGIN; y++) {
      for (int x = MARGIN; x < SIDE - MARGIN; x++) {
        mask[y * SIDE + x] = true;
      }
    }
    return mask;
  }

  private static double meanAbs(RgbImage a, RgbImage b, boolean[] mask) {
    double sum = 0;
    long n = 0;
    for (int i = 0; i < mask.length; i++) {
      if (mask[i]) {
        for (int k = 3 * i; k < 3 * i + 3; k++) {
          sum += Math.abs((a.rgb()[k] & 0xff) - (b.rgb()[k] & 0xff));
          n++;
        }
      }
    }
    return sum / n;
  }
}
