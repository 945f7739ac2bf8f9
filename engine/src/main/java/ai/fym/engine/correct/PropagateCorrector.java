package ai.fym.engine.correct;

import ai.fym.engine.errors.FymException;
import ai.fym.engine.image.RgbImage;
import ai.fym.engine.motion.Flow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Keyframe propagation (as in Rerender / EbSynth): the shot's FIRST edited frame is carried to every
 * frame along the source's flow, sampled once per frame through a map from frame t to the keyframe
 * (never re-warping the previous output, which would blur more at every frame). The map comes from
 * either {@code mode=direct}: the flow from t straight to the keyframe, or {@code mode=chain}: the
 * flows t -> t-1 chained, which follows large motion but accumulates their errors. A pixel is valid
 * where the motion is reliable (forward-backward check, and for a chain at every step) and the source
 * at t matches the keyframe's source where it maps (luma within {@code tolerance}). Invalid pixels
 * (disocclusions, flow failures) take the current edit shifted per channel by the mean difference
 * between the propagated keyframe and the edit over the valid pixels, so they match the keyframe's
 * colours instead of the current frame's flicker. Defaults, measured: direct, since on a known
 * translation a chain drifted to about 4 levels of mean error from the true warped keyframe after 11
 * frames where direct stayed under 1.5 (on Megamind a chain flickers less but drifts more); tolerance
 * 8 luma levels, stricter than smoothing, because a wrong match here shows the keyframe in the wrong
 * place rather than a slight blur.
 */
final class PropagateCorrector implements Corrector {
  static final String NAME = "propagate";
  private static final String DIRECT = "direct";
  private static final String CHAIN = "chain";

  private final Map<String, String> config;
  private final boolean chained;
  private final int downscale;
  private final double tolerance;

  private PropagateCorrector(Map<String, String> config, boolean chained, int downscale, double tolerance) {
    this.config = config;
    this.chained = chained;
    this.downscale = downscale;
    this.tolerance = tolerance;
  }

  static PropagateCorrector create(MethodParameters p) throws FymException {
    boolean chained = p.choice("mode", List.of(DIRECT, CHAIN)).equals(CHAIN);
    int downscale = p.integer("flow-downscale", 2, 1, 8);
    double tolerance = p.decimal("tolerance", 8, 0, 255);
    return new PropagateCorrector(p.config(), chained, downscale, tolerance);
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
        if (chained) {
          SourceMotion.Back step = motion.backTo(prevSource, source);
          float[] nextMap = new float[map.length];
          boolean[] nextValid = new boolean[valid.length];
          chain(step.curToPrev(), step.curSeesPrev(), map, valid, nextMap, nextValid);
          map = nextMap;
          valid = nextValid;
          keepMatching(keySource, source, map, valid);
        } else {
          SourceMotion.Back toKey = motion.backTo(keySource, source);
          float[] f = toKey.curToPrev().xy();
          for (int i = 0; i < w * h; i++) {
            map[2 * i] = i % w + f[2 * i];
            map[2 * i + 1] = i / w + f[2 * i + 1];
          }
          valid = toKey.curSeesPrev();
        }
        out.add(render(keyEdit, edit, map, valid));
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
        nextValid[i] = reliable[i] && valid[Math.round(sy) * w + Math.round(sx)];
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
      }
    }
  }

  /** Clears {@code valid} where the source no longer matches the keyframe's source at the mapped point. */
  private void keepMatching(RgbImage keySource, RgbImage source, float[] map, boolean[] valid) {
    byte[] src = source.rgb();
    double[] rgb = new double[3];
    for (int i = 0; i < valid.length; i++) {
      if (valid[i]) {
        sample(keySource, map[2 * i], map[2 * i + 1], rgb);
        double keyLuma = 0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2];
        valid[i] = Math.abs(keyLuma - SourceMotion.luma(src, 3 * i)) <= tolerance;
      }
    }
  }

  /** The keyframe edit sampled through {@code map} where valid, the colour-matched edit elsewhere. */
  private static RgbImage render(RgbImage keyEdit, RgbImage edit, float[] map, boolean[] valid) {
    byte[] e = edit.rgb();
    byte[] out = new byte[e.length];
    double[] rgb = new double[3];
    double[] offset = new double[3];
    long used = 0;
    for (int i = 0; i < valid.length; i++) {
      if (valid[i]) {
        sample(keyEdit, map[2 * i], map[2 * i + 1], rgb);
        for (int c = 0; c < 3; c++) {
          int v = (int) Math.round(rgb[c]);
          out[3 * i + c] = (byte) v;
          offset[c] += v - (e[3 * i + c] & 0xff);
        }
        used++;
      }
    }
    for (int c = 0; c < 3; c++) {
      offset[c] = used == 0 ? 0 : offset[c] / used;
    }
    for (int i = 0; i < valid.length; i++) {
      if (!valid[i]) {
        for (int c = 0; c < 3; c++) {
          out[3 * i + c] = (byte) Math.max(0, Math.min(255, Math.round((e[3 * i + c] & 0xff) + offset[c])));
        }
      }
    }
    return new RgbImage(edit.width(), edit.height(), out);
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
