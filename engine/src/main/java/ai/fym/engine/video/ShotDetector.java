package ai.fym.engine.video;

import ai.fym.engine.image.RgbImage;
import ai.fym.engine.video.internal.ColourHistogram;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * Streaming hard-cut detection, one frame at a time, so ingest can split clips into shots while it
 * decodes. Each frame's HSV colour histogram (at 64x48) is compared with the previous lit frame's; the
 * frame starts a new shot when the distance exceeds {@code max(floor, factor x median)} of the recent
 * within-shot distances (adaptive: fast motion raises the bar) and the current shot has at least
 * {@code minShotLength} frames.
 *
 * <p>Dark frames (mean brightness below {@code darkValue}, e.g. black or the bottom of a fade) never start
 * a shot: they join the current one and are skipped in comparisons. The first lit frame after them is
 * compared with the last lit frame before them, so a cut hidden by a fade to black is still found. A
 * shot made only of dark frames (a black lead-in, like Megamind's first frame) ends at the first lit
 * frame, which starts a shot of its own: a black keyframe or reference frame would be useless to
 * every later stage.
 */
public final class ShotDetector {
  /**
   * Defaults tuned on the Megamind clip: its three cuts measure 0.12-0.19, within-shot distances at
   * most 0.03 (median about 0.01), so a floor of 0.08 leaves a margin of about 1.5x on either side.
   */
  public static final double DEFAULT_FLOOR = 0.08;
  public static final double DEFAULT_FACTOR = 5;
  public static final int DEFAULT_MIN_SHOT_LENGTH = 6;
  public static final double DEFAULT_DARK_VALUE = 24;
  private static final int WINDOW = 24;

  private final double floor;
  private final double factor;
  private final int minShotLength;
  private final double darkValue;
  private final ArrayDeque<Double> recent = new ArrayDeque<>();
  private ColourHistogram lastLit;
  private int shot = -1;
  private long shotLength;
  private double lastDistance;

  /** A detector with the default thresholds. */
  public ShotDetector() {
    this(DEFAULT_FLOOR, DEFAULT_FACTOR, DEFAULT_MIN_SHOT_LENGTH, DEFAULT_DARK_VALUE);
  }

  /**
   * @param floor smallest histogram distance (0..1) that can be a cut
   * @param factor how many times the recent median distance a cut must exceed
   * @param minShotLength frames a shot must have before another cut is accepted
   * @param darkValue mean brightness (0..255) below which a frame counts as dark
   */
  public ShotDetector(double floor, double factor, int minShotLength, double darkValue) {
    if (!(floor > 0 && floor < 1) || !(factor >= 1) || minShotLength < 1 || !(darkValue >= 0)) {
      throw new IllegalArgumentException("shot detector needs 0 < floor < 1, factor >= 1, minShotLength >= 1"
          + " and darkValue >= 0; got " + floor + ", " + factor + ", " + minShotLength + ", " + darkValue);
    }
    this.floor = floor;
    this.factor = factor;
    this.minShotLength = minShotLength;
    this.darkValue = darkValue;
  }

  /** Takes the next frame; true when it starts a new shot (always for the first frame). */
  public boolean observe(RgbImage frame) {
    ColourHistogram h = ColourHistogram.of(frame);
    boolean dark = h.meanValue() < darkValue;
    lastDistance = 0;
    if (shot < 0) {
      startShot(dark ? null : h);
      return true;
    }
    shotLength++;
    if (dark) {
      return false;
    }
    if (lastLit == null) {
      startShot(h);
      return true;
    }
    lastDistance = h.distance(lastLit);
    lastLit = h;
    if (shotLength > minShotLength && lastDistance > threshold()) {
      startShot(h);
      return true;
    }
    recent.addLast(lastDistance);
    if (recent.size() > WINDOW) {
      recent.removeFirst();
    }
    return false;
  }

  /** Index of the shot the last observed frame belongs to (0-based; -1 before any frame). */
  public int currentShot() {
    return shot;
  }

  /** Histogram distance of the last frame to the previous lit frame (0 when not compared). */
  public double lastDistance() {
    return lastDistance;
  }

  /** The distance a frame must exceed to be a cut, given the recent within-shot distances. */
  private double threshold() {
    if (recent.isEmpty()) {
      return floor;
    }
    double[] d = recent.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(d);
    double median = d.length % 2 == 1 ? d[d.length / 2] : (d[d.length / 2 - 1] + d[d.length / 2]) / 2;
    return Math.max(floor, factor * median);
  }

  private void startShot(ColourHistogram first) {
    shot++;
    shotLength = 1;
    lastLit = first;
    recent.clear();
  }
}
