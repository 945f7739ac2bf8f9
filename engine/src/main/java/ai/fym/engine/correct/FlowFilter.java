package ai.fym.engine.correct;

import ai.fym.engine.errors.FymException;
import ai.fym.engine.image.RgbImage;
import ai.fym.engine.motion.Flow;
import ai.fym.engine.motion.Warp;
import java.util.ArrayList;
import java.util.List;

/**
 * A two-sided exponential filter of a shot's edited frames along its source's flow. A forward pass blends each
 * frame with the previous forward output warped onto it ({@code alpha} on the frame), a backward pass does the
 * same from the shot's end, and the two are combined so that frame t gets the weights
 * {@code alpha (1 - alpha)^|k|} on the frames at t + k followed along the motion (no lag, unlike a causal
 * filter). Where the source motion is unreliable (occlusion, failed flow) a pass restarts from the plain frame,
 * so nothing ghosts there. Besides its output it keeps one compact flow and mask per frame for the backward
 * pass. {@code smooth} runs it on the raw edit; {@code fym} on its own output, as the final fusion along the
 * motion.
 */
final class FlowFilter {
  private final double alpha;
  private final int downscale;
  private final double tolerance;

  /**
   * @param alpha the weight of each frame against the carried output, in (0, 1]; 1 returns the frames as they are
   * @param downscale the flow is estimated at 1/downscale of the frame size
   * @param tolerance the luma difference (on the flow's grid) beyond which the motion counts as unreliable
   */
  FlowFilter(double alpha, int downscale, double tolerance) {
    this.alpha = alpha;
    this.downscale = downscale;
    this.tolerance = tolerance;
  }

  /** The filtered frames of {@code shot}: its edited frames smoothed along its source's motion. */
  List<RgbImage> filter(ShotFrames shot) throws FymException {
    List<RgbImage[]> out = run(shot, false);
    List<RgbImage> frames = new ArrayList<>(out.size());
    for (RgbImage[] layers : out) {
      frames.add(layers[0]);
    }
    return frames;
  }

  /**
   * The source plus the filtered residual {@code edited - source}: the edit's change is smoothed along the motion
   * while the source's own content (its grain, its lighting drift) passes through untouched, so the output keeps
   * the edit's look where {@link #filter} would also average the source. By linearity this is the source plus the
   * filtered edited frames minus the filtered source frames; both are filtered in one pass over one motion.
   */
  List<RgbImage> filterResidual(ShotFrames shot) throws FymException {
    List<RgbImage[]> out = run(shot, true);
    List<RgbImage> frames = new ArrayList<>(out.size());
    for (int t = 0; t < out.size(); t++) {
      byte[] source = shot.source(t).rgb();
      byte[] edited = out.get(t)[0].rgb();
      byte[] smoothedSource = out.get(t)[1].rgb();
      byte[] rgb = new byte[source.length];
      for (int k = 0; k < rgb.length; k++) {
        int v = (source[k] & 0xff) + (edited[k] & 0xff) - (smoothedSource[k] & 0xff);
        rgb[k] = (byte) Math.max(0, Math.min(255, v));
      }
      frames.add(new RgbImage(out.get(t)[0].width(), out.get(t)[0].height(), rgb));
    }
    return frames;
  }

  /** Filters the edited frames (layer 0) and, with {@code withSource}, the source frames (layer 1) too. */
  private List<RgbImage[]> run(ShotFrames shot, boolean withSource) throws FymException {
    int n = shot.length();
    List<RgbImage[]> forward = new ArrayList<>(n);
    List<Link> links = new ArrayList<>(n);
    if (n == 0) {
      return forward;
    }
    try (SourceMotion motion = new SourceMotion(downscale, tolerance)) {
      RgbImage first = shot.source(0);
      RgbImage prevSource = first;
      forward.add(layers(ShotChecks.edited(shot, 0, first), first, withSource));
      for (int t = 1; t < n; t++) {
        RgbImage source = ShotChecks.source(shot, t, first);
        SourceMotion.Step step = motion.between(prevSource, source);
        RgbImage[] input = layers(ShotChecks.edited(shot, t, source), source, withSource);
        forward.add(blend(input, forward.get(t - 1), step.back().curToPrev(), step.back().curSeesPrev()));
        links.add(new Link(step.prevToCur(), step.prevSeesCur()));
        prevSource = source;
      }
    }
    RgbImage[] backward = layers(shot.edited(n - 1), shot.source(n - 1), withSource);
    forward.set(n - 1, combine(forward.get(n - 1), backward, backward));
    for (int t = n - 2; t >= 0; t--) {
      Link link = links.get(t);
      RgbImage[] input = layers(shot.edited(t), shot.source(t), withSource);
      backward = blend(input, backward, link.toNext().full(), link.seesNext());
      forward.set(t, combine(forward.get(t), backward, input));
    }
    return forward;
  }

  private static RgbImage[] layers(RgbImage edited, RgbImage source, boolean withSource) {
    return withSource ? new RgbImage[] {edited, source} : new RgbImage[] {edited};
  }

  private RgbImage[] blend(RgbImage[] inputs, RgbImage[] carried, Flow flow, boolean[] reliable) {
    RgbImage[] out = new RgbImage[inputs.length];
    for (int l = 0; l < inputs.length; l++) {
      out[l] = blend(inputs[l], Warp.backward(carried[l], flow), reliable);
    }
    return out;
  }

  private RgbImage[] combine(RgbImage[] forward, RgbImage[] backward, RgbImage[] inputs) {
    RgbImage[] out = new RgbImage[inputs.length];
    for (int l = 0; l < inputs.length; l++) {
      out[l] = combine(forward[l], backward[l], inputs[l]);
    }
    return out;
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
