package ai.fym.engine.correct;

import ai.fym.engine.errors.FymException;
import ai.fym.engine.image.RgbImage;
import ai.fym.engine.motion.Flow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Keyframe propagation (as in Rerender / EbSynth): the shot's FIRST edited frame is carried to every
 * frame along the source's flow. Instead of re-warping the previous output (which blurs a little
 * more at every frame), it chains the flows t -> t-1 into one map from frame t to the keyframe and
 * samples the keyframe once. A pixel is valid while its chain stays reliable at every step and the
 * source at t still matches the keyframe's source where it maps (luma within {@code tolerance}).
 * Invalid pixels (disocclusions, flow failures) take the current edit shifted per channel by the
 * mean difference between the propagated keyframe and the edit over the valid pixels, so the fill
 * matches the keyframe's colours instead of the current frame's flicker.
 */
final class PropagateCorrector implements Corrector {
  static final String NAME = "propagate";

  private final Map<String, String> config;
  private final int downscale;
  private final double tolerance;

  private PropagateCorrector(Map<String, String> config, int downscale, double tolerance) {
    this.config = config;
    this.downscale = downscale;
    this.tolerance = tolerance;
  }

  static PropagateCorrector create(MethodParameters p) throws FymException {
    int downscale = p.integer("flow-downscale", 2, 1, 8);
    double tolerance = p.decimal("tolerance", 24, 0, 255);
    return new PropagateCorrector(p.config(), downscale, tolerance);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Map<String, String> config() {
    return config;
  }

  @Override
  public List<RgbImage> correctShot(ShotFrames shot) throws FymException {
    int n = shot.length();
    List<RgbImage> out = new ArrayList<>(n);
    if (n == 0) {
      return out;
    }
    RgbImage keySource = shot.source(0);
    RgbImage keyEdit = ShotChecks.edited(shot, 0, keySource);
    out.add(keyEdit);
    int w = keySource.width();
    int h = keySource.height();
    float[] map = new float[2 * w * h];
    boolean[] valid = new boolean[w * h];
    for (int i = 0; i < w * h; i++) {
      map[2 * i] = i % w;
      map[2 * i + 1] = i / w;
      valid[i] = true;
    }
    try (SourceMotion motion = new SourceMotion(downscale, tolerance)) {
      RgbImage prevSource = keySource;
      for (int t = 1; t < n; t++) {
        RgbImage source = ShotChecks.source(shot, t, keySource);
        RgbImage edit = ShotChecks.edited(shot, t, source);
        SourceMotion.Step step = motion.between(prevSource, source);
        float[] nextMap = new float[map.length];
        boolean[] nextValid = new boolean[valid.length];
        chain(step.curToPrev().full(), step.curSeesPrev(), map, valid, nextMap, nextValid);
        map = nextMap;
        valid = nextValid;
        out.add(render(keySource, keyEdit, source, edit, map, valid));
        prevSource = source;
      }
    }
    return out;
  }

  /** Follows {@code curToPrev} into the previous frame's map (bilinear) and validity (nearest). */
  private static void chain(Flow curToPrev, boolean[] reliable, float[] map, boolean[] valid,
      float[] nextMap, boolean[] nextValid) {
    int w = curToPrev.width();
    int h = curToPrev.height();
    float[] f = curToPrev.xy();
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int i = y * w + x;
        float sx = Math.min(w - 1f, Math.max(0f, x + f[2 * i]));
        float sy = Math.min(h - 1f, Math.max(0f, y + f[2 * i + 1]));
        int x0 = (int) sx;
        int y0 = (int) sy;
        int x1 = Math.min(w - 1, x0 + 1);
        int y1 = Math.min(h - 1, y0 + 1);
        float ax = sx - x0;
        float ay = sy - y0;
        for (int k = 0; k < 2; k++) {
          float top = map[2 * (y0 * w + x0) + k] * (1 - ax) + map[2 * (y0 * w + x1) + k] * ax;
          float bottom = map[2 * (y1 * w + x0) + k] * (1 - ax) + map[2 * (y1 * w + x1) + k] * ax;
          nextMap[2 * i + k] = top * (1 - ay) + bottom * ay;
        }
        nextValid[i] = reliable[i] && valid[Math.round(sy) * w + Math.round(sx)];
      }
    }
  }

  /** The keyframe edit sampled through {@code map} where valid and matching, the colour-matched edit elsewhere. */
  private RgbImage render(RgbImage keySource, RgbImage keyEdit, RgbImage source, RgbImage edit,
      float[] map, boolean[] valid) {
    int w = source.width();
    int pixels = valid.length;
    byte[] src = source.rgb();
    byte[] e = edit.rgb();
    byte[] out = new byte[e.length];
    double[] keySample = new double[3];
    double[] keySourceSample = new double[3];
    double[] offset = new double[3];
    long used = 0;
    for (int i = 0; i < pixels; i++) {
      if (!valid[i]) {
        continue;
      }
      sample(keySource, map[2 * i], map[2 * i + 1], keySourceSample);
      double keyLuma = 0.299 * keySourceSample[0] + 0.587 * keySourceSample[1] + 0.114 * keySourceSample[2];
      if (Math.abs(keyLuma - SourceMotion.luma(src, 3 * i)) > tolerance) {
        valid[i] = false;
        continue;
      }
      sample(keyEdit, map[2 * i], map[2 * i + 1], keySample);
      for (int c = 0; c < 3; c++) {
        int v = (int) Math.round(keySample[c]);
        out[3 * i + c] = (byte) v;
        offset[c] += v - (e[3 * i + c] & 0xff);
      }
      used++;
    }
    for (int c = 0; c < 3; c++) {
      offset[c] = used == 0 ? 0 : offset[c] / used;
    }
    for (int i = 0; i < pixels; i++) {
      if (!valid[i]) {
        for (int c = 0; c < 3; c++) {
          out[3 * i + c] = (byte) Math.max(0, Math.min(255, Math.round((e[3 * i + c] & 0xff) + offset[c])));
        }
      }
    }
    return new RgbImage(w, source.height(), out);
  }

  /** Bilinear sample of all three channels at (x, y), clamped to the border. */
  private static void sample(RgbImage image, float x, float y, double[] rgb) {
    int x0 = (int) Math.floor(x);
    int y0 = (int) Math.floor(y);
    double ax = x - x0;
    double ay = y - y0;
    for (int c = 0; c < 3; c++) {
      double top = image.get(x0, y0, c) * (1 - ax) + image.get(x0 + 1, y0, c) * ax;
      double bottom = image.get(x0, y0 + 1, c) * (1 - ax) + image.get(x0 + 1, y0 + 1, c) * ax;
      rgb[c] = top * (1 - ay) + bottom * ay;
    }
  }
}
