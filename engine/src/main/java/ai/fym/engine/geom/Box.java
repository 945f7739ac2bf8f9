package ai.fym.engine.geom;

/**
 * An axis-aligned box in pixel coordinates of some image (x, y = top-left corner).
 * Used for face detections, tracks and crop windows.
 */
public record Box(float x, float y, float width, float height) {

  public float centerX() {
    return x + width / 2f;
  }

  public float centerY() {
    return y + height / 2f;
  }

  public float area() {
    return Math.max(0f, width) * Math.max(0f, height);
  }

  /** A box with the same centre whose side is {@code scale} times the larger side of this one. */
  public Box squareAround(float scale) {
    float side = Math.max(width, height) * scale;
    return new Box(centerX() - side / 2f, centerY() - side / 2f, side, side);
  }

  /** Intersection over union with another box, 0 when they do not overlap. */
  public float iou(Box other) {
    float ix = Math.max(0f, Math.min(x + width, other.x + other.width) - Math.max(x, other.x));
    float iy = Math.max(0f, Math.min(y + height, other.y + other.height) - Math.max(y, other.y));
    float inter = ix * iy;
    float union = area() + other.area() - inter;
    return union <= 0f ? 0f : inter / union;
  }
}
