package ai.fym.engine.metrics;

import ai.fym.engine.geom.Box;
import ai.fym.engine.image.ImageCodec;
import ai.fym.engine.image.RgbImage;
import ai.fym.engine.testing.Samples;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Test clips with a known motion: windows of the Grace Hopper portrait (its values squeezed into
 * 32..223 so that brightness offsets up to 32 never clip) sliding by a fixed sub-pixel step per frame,
 * so frame t(p) = frame t-1(p + step) and the true flow t -> t-1 is the step everywhere.
 */
final class Portraits {
  static final int SIDE = 160;

  private Portraits() {}

  /** The squeezed portrait. */
  static RgbImage portrait() throws IOException {
    RgbImage p = ImageCodec.read(Samples.graceHopper());
    byte[] out = new byte[p.rgb().length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) (32 + Math.round((p.rgb()[i] & 0xff) * 191 / 255.0));
    }
    return new RgbImage(p.width(), p.height(), out);
  }

  /** {@code frames} windows starting at (x0, y0), moving by (dx, dy) px per frame. */
  static List<RgbImage> sliding(RgbImage portrait, float x0, float y0, float dx, float dy, int frames) {
    List<RgbImage> clip = new ArrayList<>();
    for (int t = 0; t < frames; t++) {
      clip.add(portrait.resample(new Box(x0 + t * dx, y0 + t * dy, SIDE, SIDE), SIDE, SIDE));
    }
    return clip;
  }

  /** Each frame plus its offset (grey levels, added to every channel, clamped). */
  static List<RgbImage> brightened(List<RgbImage> clip, int[] offsets) {
    List<RgbImage> out = new ArrayList<>();
    for (int t = 0; t < clip.size(); t++) {
      out.add(MetricsBenchmark.brighten(clip.get(t), offsets[t]));
    }
    return out;
  }

  /** Evaluates a clip with one face box (or none) for every frame; cuts before the listed frames. */
  static ClipMetrics evaluate(ClipEvaluator.Options options, List<RgbImage> source, List<RgbImage> output,
      List<RgbImage> edited, Box face, int... cuts) {
    try (ClipEvaluator evaluator = new ClipEvaluator(options)) {
      for (int t = 0; t < source.size(); t++) {
        boolean start = t == 0;
        for (int c : cuts) {
          start |= c == t;
        }
        evaluator.add(t, start, source.get(t), output.get(t), edited.get(t), face);
      }
      return evaluator.finish();
    }
  }

  static ClipMetrics evaluate(List<RgbImage> source, List<RgbImage> output, List<RgbImage> edited, int... cuts) {
    return evaluate(ClipEvaluator.Options.defaults(), source, output, edited, null, cuts);
  }
}
