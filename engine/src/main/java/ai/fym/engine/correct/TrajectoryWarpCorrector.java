package ai.fym.engine.correct;

import ai.fym.engine.errors.Errors;
import ai.fym.engine.errors.FymException;
import ai.fym.engine.image.RgbImage;
import ai.fym.engine.trajectory.FieldSource;
import ai.fym.engine.trajectory.TrajectoryField;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * CoDeF-like keyframe transfer along the shot's learned trajectory field. The field maps every pixel p of frame
 * t to c_t(p) in the shot's first frame. The edit's appearance is estimated once per shot in that canonical
 * frame: every edited frame's change (edit minus source) is splatted to c_t(p) and averaged, so the per-frame
 * jitter cancels while the intent stays. Frame t is then rendered as the first source frame at c_t(p) plus the
 * canonical change there; where the source at t does not match the first frame at c_t(p) (a confidence test on
 * their luma difference, {@code tolerance} grey levels: disocclusions, new expressions, lighting) the source's
 * own pixel replaces the first frame's, so the output is the current source plus the canonical change: never
 * the raw per-frame edit, so no flicker comes back. The same confidence weighs each frame's splat.
 */
final class TrajectoryWarpCorrector implements Corrector {
  static final String NAME = "trajectory-warp";

  private final Map<String, String> config;
  private final double tolerance;
  private final int cell;
  private final FieldSource fields;

  private TrajectoryWarpCorrector(Map<String, String> config, double tolerance, int cell, FieldSource fields) {
    this.config = config;
    this.tolerance = tolerance;
    this.cell = cell;
    this.fields = fields;
  }

  static TrajectoryWarpCorrector create(MethodParameters p, FieldSource fields) throws FymException {
    double tolerance = p.decimal("tolerance", 8, 1, 255);
    int cell = p.integer("cell", 24, 4, 512);
    Map<String, String> config = new TreeMap<>(p.config());
    config.put("field", fields.settings().hash());
    return new TrajectoryWarpCorrector(Map.copyOf(config), tolerance, cell, fields);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Map<String, String> config() {
    return new TreeMap<>(config);
  }

  @Override
  public List<RgbImage> correctShot(ShotFrames shot) throws FymException {
    int n = shot.length();
    List<RgbImage> out = new ArrayList<>(n);
    if (n == 0) {
      return out;
    }
    RgbImage first = shot.source(0);
    List<RgbImage> sources = new ArrayList<>(n);
    for (int t = 0; t < n; t++) {
      sources.add(ShotChecks.source(shot, t, first));
    }
    try (TrajectoryField field = fields.field(shot.start(), sources)) {
      CanonicalEdit canonical = new CanonicalEdit(first, tolerance, cell);
      for (int t = 0; t < n; t++) {
        float[] map = field.toFirst(t, first.width(), first.height());
        canonical.fit(sources.get(t), ShotChecks.edited(shot, t, sources.get(t)), map);
      }
      canonical.solve();
      for (int t = 0; t < n; t++) {
        float[] map = field.toFirst(t, first.width(), first.height());
        canonical.addDetail(sources.get(t), ShotChecks.edited(shot, t, sources.get(t)), map);
      }
      for (int t = 0; t < n; t++) {
        float[] map = field.toFirst(t, first.width(), first.height());
        out.add(canonical.render(sources.get(t), map));
      }
    } catch (java.io.IOException e) {
      throw Errors.wrap("trajectory field of the shot at frame " + shot.start(), e);
    }
    return out;
  }
}
