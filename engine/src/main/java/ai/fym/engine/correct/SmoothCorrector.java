package ai.fym.engine.correct;

import ai.fym.engine.errors.FymException;
import ai.fym.engine.image.RgbImage;
import ai.fym.engine.motion.Warp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Temporal smoothing of the edit along the source's flow: a two-sided exponential filter. A forward
 * pass blends each edit with the previous forward output warped onto it ({@code alpha} on the
 * edit), a backward pass does the same from the shot's end, and the two are combined so that frame
 * t gets the weights {@code alpha (1 - alpha)^|k|} on the edits at t + k followed along the motion
 * (no lag, unlike a causal filter). Where the source motion is unreliable (occlusion, failed flow)
 * a pass restarts from the plain edit, so nothing ghosts there. Besides its output it keeps one
 * compact flow and mask per frame for the backward pass. Defaults, measured on Megamind: alpha 0.3
 * takes the warp error below the source's own while keeping the edit's structure (0.2 smooths a
 * little more and smears a little more, 0.5 halves the gain); tolerance 16 luma levels (on the
 * flow's grid) lets textured regions be smoothed, where a stricter check restarts too often.
 */
final class SmoothCorrector implements Corrector {
  static final String NAME = "smooth";

  private final Map<String, String> config;
  private final double alpha;
  private final int downscale;
  private final double tolerance;

  private SmoothCorrector(Map<String, String> config, double alpha, int downscale, double tolerance) {
    this.config = config;
    this.alpha = alpha;
    this.downscale = downscale;
    this.tolerance = tolerance;
  }

  static SmoothCorrector create(MethodParameters p) throws FymException {
    double alpha = p.decimal("alpha", 0.3, 0.01, 1.0);
    int downscale = p.integer("flow-downscale", 2, 1, 8);
    double tolerance = p.decimal("tolerance", 16, 0, 255);
    return new SmoothCorrector(p.config(), alpha, downscale, tolerance);
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
    List<RgbImage> forward = new ArrayList<>(n);
    List<Link> links = new ArrayList<>(n);
    if (n == 0) {
      return forward;
    }
    try (SourceMotion motion = new SourceMotion(downscale, tolerance)) {
      RgbImage first = shot.source(0);
      RgbImage prevSource = first;
      forward.add(ShotChecks.edited(shot, 0, first));
      for (int t = 1; t < n; t++) {
        RgbImage source = ShotChecks.source(shot, t, first);
        RgbImage edit = ShotChecks.edited(shot, t, source);
        SourceMotion.Step step = motion.between(prevSource, source);
        RgbImage carried = Warp.backward(forward.get(t - 1), step.back().curToPrev());
        forward.add(blend(edit, carried, step.back().curSeesPrev()));
        links.add(new Link(step.prevToCur(), step.prevSeesCur()));
        prevSource = source;
      }
    }
    RgbImage backward = shot.edited(n - 1);
    forward.set(n - 1, combine(forward.get(n - 1), backward, backward));
    for (int t = n - 2; t >= 0; t--) {
      Link link = links.get(t);
      RgbImage edit = shot.edited(t);
      backward = blend(edit, Warp.backward(backward, link.toNext().full()), link.seesNext());
      forward.set(t, combine(forward.get(t), backward, edit));
    }
    return forward;
  }

  /** What the backward pass keeps of the motion from frame t to frame t + 1. */
  private record Link(SourceMotion.ScaledFlow toNext, boolean[] seesNext) {}

  /** {@code alpha * edit + (1 - alpha) * carried} where {@code reliable}, the edit elsewhere. */
  private RgbImage blend(RgbImage edit, RgbImage carried, boolean[] reliable) {
    byte[] e = edit.rgb();
    byte[] c = carried.rgb();
    byte[] out = new byte[e.length];
    for (int i = 0; i < reliable.length; i++) {
      for (int k = 3 * i; k < 3 * i + 3; k++) {
        out[k] = reliable[i] ? (byte) Math.round(alpha * (e[k] & 0xff) + (1 - alpha) * (c[k] & 0xff)) : e[k];
      }
    }
    return new RgbImage(edit.width(), edit.height(), out);
  }

  /** The two-sided filter from its passes: each counts the edit once, so remove one copy and renormalise. */
  private RgbImage combine(RgbImage forward, RgbImage backward, RgbImage edit) {
    byte[] f = forward.rgb();
    byte[] b = backward.rgb();
    byte[] e = edit.rgb();
    byte[] out = new byte[f.length];
    for (int k = 0; k < f.length; k++) {
      double v = ((f[k] & 0xff) + (b[k] & 0xff) - alpha * (e[k] & 0xff)) / (2 - alpha);
      out[k] = (byte) Math.max(0, Math.min(255, Math.round(v)));
    }
    return new RgbImage(edit.width(), edit.height(), out);
  }
}
