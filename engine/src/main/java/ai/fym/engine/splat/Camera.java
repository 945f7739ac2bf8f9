package ai.fym.engine.splat;

import ai.fym.engine.errors.Errors;

/**
 * A pinhole camera: intrinsics in pixels and a world-to-camera transform {@code x_cam = R x_world + t}, with
 * {@code rotation} R row-major (9 values) and {@code translation} t (3). The camera looks down +z, x right, y down.
 * Pixel (col, row) covers [col, col + 1) x [row, row + 1), so its centre is at (col + 0.5, row + 0.5) and an image
 * centred on the optical axis has {@code cx = width / 2}.
 */
public record Camera(float fx, float fy, float cx, float cy, int width, int height, float[] rotation,
    float[] translation) {

  public Camera {
    if (rotation.length != 9 || translation.length != 3) {
      throw Errors.splatShape("camera rotation and translation lengths", "9 and 3",
          rotation.length + " and " + translation.length);
    }
    if (width < 1 || height < 1) {
      throw Errors.splatShape("camera size", "at least 1x1", width + "x" + height);
    }
    rotation = rotation.clone();
    translation = translation.clone();
  }

  /**
   * A camera on the world's -z axis looking at the origin: identity rotation, translation (0, 0, distance), focal
   * length {@code focal} pixels on both axes, principal point at the image centre.
   */
  public static Camera frontal(int width, int height, float focal, float distance) {
    return new Camera(focal, focal, width / 2f, height / 2f, width, height,
        new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, new float[] {0, 0, distance});
  }

  /** The camera's centre in world coordinates, {@code -R^T t}. */
  public float[] centre() {
    float[] c = new float[3];
    for (int i = 0; i < 3; i++) {
      c[i] = -(rotation[i] * translation[0] + rotation[3 + i] * translation[1] + rotation[6 + i] * translation[2]);
    }
    return c;
  }
}
