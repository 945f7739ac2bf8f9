package ai.fym.engine.landmarks;

import ai.fym.engine.geom.Box;

/**
 * The 68 facial landmarks of the iBUG 300-W convention (jaw 0-16, brows 17-26, nose 27-35, eyes
 * 36-47, mouth 48-67) in pixel coordinates of the frame they were detected in. "Left" and "right"
 * follow the index order, i.e. image left and image right for a frontal face. Ingest stores these
 * per frame; the avatar, trajectory and metric stages read them.
 *
 * @param xy 136 floats: x0, y0, x1, y1, ... (copied on construction)
 */
public record Landmarks68(float[] xy) {
  /** Number of points. */
  public static final int COUNT = 68;

  /** A point in frame pixels. */
  public record Point(float x, float y) {}

  public Landmarks68 {
    if (xy.length != 2 * COUNT) {
      throw new IllegalArgumentException("68 landmarks need 136 coordinates, got " + xy.length);
    }
    xy = xy.clone();
  }

  /** The coordinates (a copy). */
  @Override
  public float[] xy() {
    return xy.clone();
  }

  public float x(int i) {
    return xy[2 * i];
  }

  public float y(int i) {
    return xy[2 * i + 1];
  }

  public Point point(int i) {
    return new Point(x(i), y(i));
  }

  /** Centre of the eye drawn by points 36-41 (image left on a frontal face). */
  public Point leftEyeCenter() {
    return centroid(36, 42);
  }

  /** Centre of the eye drawn by points 42-47 (image right on a frontal face). */
  public Point rightEyeCenter() {
    return centroid(42, 48);
  }

  /** Point 30, the tip of the nose. */
  public Point noseTip() {
    return point(30);
  }

  /** Centre of the 20 mouth points 48-67. */
  public Point mouthCenter() {
    return centroid(48, 68);
  }

  /** The smallest box holding all 68 points. */
  public Box bounds() {
    float minX = Float.POSITIVE_INFINITY;
    float minY = Float.POSITIVE_INFINITY;
    float maxX = Float.NEGATIVE_INFINITY;
    float maxY = Float.NEGATIVE_INFINITY;
    for (int i = 0; i < COUNT; i++) {
      minX = Math.min(minX, x(i));
      maxX = Math.max(maxX, x(i));
      minY = Math.min(minY, y(i));
      maxY = Math.max(maxY, y(i));
    }
    return new Box(minX, minY, maxX - minX, maxY - minY);
  }

  /**
   * The face box face-api derives from landmarks before computing a descriptor: {@link #bounds()}
   * grown by 20% of its width and height, centred. A steadier crop than a detector box.
   */
  public Box alignedBox() {
    Box b = bounds();
    float padX = 0.2f * b.width();
    float padY = 0.2f * b.height();
    return new Box(b.x() - padX / 2, b.y() - padY / 2, b.width() + padX, b.height() + padY);
  }

  private Point centroid(int from, int to) {
    float sx = 0;
    float sy = 0;
    for (int i = from; i < to; i++) {
      sx += x(i);
      sy += y(i);
    }
    return new Point(sx / (to - from), sy / (to - from));
  }
}
