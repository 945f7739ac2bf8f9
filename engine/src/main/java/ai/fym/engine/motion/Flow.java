package ai.fym.engine.motion;

/**
 * A dense optical-flow field over a {@code width x height} image: for pixel p of the FROM image,
 * {@code p + (dx, dy)} is where it lies in the TO image (OpenCV's convention:
 * {@code from(y, x) ~ to(y + dy, x + dx)}). Values are interleaved (dx, dy) per pixel, row-major.
 */
public final class Flow {
  private final int width;
  private final int height;
  private final float[] xy;

  public Flow(int width, int height, float[] xy) {
    if (xy.length != 2 * width * height) {
      throw new IllegalArgumentException("flow " + width + "x" + height + " needs " + 2 * width * height
          + " values, got " + xy.length);
    }
    this.width = width;
    this.height = height;
    this.xy = xy;
  }

  /** A flow that moves every pixel by the same (dx, dy). */
  public static Flow uniform(int width, int height, float dx, float dy) {
    float[] v = new float[2 * width * height];
    for (int i = 0; i < v.length; i += 2) {
      v[i] = dx;
      v[i + 1] = dy;
    }
    return new Flow(width, height, v);
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  /** The backing interleaved (dx, dy) array, not copied. */
  public float[] xy() {
    return xy;
  }

  public float dx(int x, int y) {
    return xy[2 * (y * width + x)];
  }

  public float dy(int x, int y) {
    return xy[2 * (y * width + x) + 1];
  }
}
