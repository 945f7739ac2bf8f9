package ai.fym.engine.avatar;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.fym.engine.splat.ProjectedSplats;
import ai.fym.engine.splat.SplatRasterizer;

/**
 * Exact correspondences from the avatar: where the surface a pixel of frame t shows lies in another frame s.
 * Each Gaussian's projected position in s is composited as a feature under frame t's view, giving for every
 * pixel the alpha-weighted position in s of what it shows; the same is done from s back to t, and a pixel is
 * visible in s when it is covered and its round trip t -> s -> t lands within {@link #ROUND_TRIP_PIXELS}.
 */
public final class Correspondences {
  /** Values per pixel of a map: x and y in frame s (crop pixels), visibility (0 or 1). */
  public static final int CHANNELS = 3;
  static final float ROUND_TRIP_PIXELS = 1f;
  private static final float MIN_COVERAGE = 0.5f;

  private Correspondences() {}

  /** The map from frame {@code t} (its code) to frame {@code s}, {@code CHANNELS} values per pixel, row-major. */
  public static float[] map(AvatarModel model, FaceCode.Code t, FaceCode.Code s, SplatRasterizer rasterizer,
      NDManager parent) {
    try (NDManager manager = parent.newSubManager()) {
      AvatarModel.Leaves leaves = model.leaves(manager, false);
      ProjectedSplats inT = model.project(leaves, t);
      ProjectedSplats inS = model.project(leaves, s);
      float[] forward = positions(inT, inS.means2d(), rasterizer);
      float[] backward = positions(inS, inT.means2d(), rasterizer);
      int size = model.resolution();
      float[] map = new float[size * size * CHANNELS];
      for (int y = 0; y < size; y++) {
        for (int x = 0; x < size; x++) {
          int p = y * size + x;
          float sx = forward[3 * p];
          float sy = forward[3 * p + 1];
          boolean visible = forward[3 * p + 2] > 0 && roundTrip(backward, size, sx, sy, x + 0.5f, y + 0.5f);
          map[CHANNELS * p] = sx;
          map[CHANNELS * p + 1] = sy;
          map[CHANNELS * p + 2] = visible ? 1f : 0f;
        }
      }
      return map;
    }
  }

  /**
   * Per pixel of {@code view}: the coverage-normalised composite of {@code positions (N,2)}, and 1 where the
   * coverage reaches {@link #MIN_COVERAGE} (else 0, with the pixel's own centre as position).
   */
  private static float[] positions(ProjectedSplats view, NDArray positions, SplatRasterizer rasterizer) {
    NDArray ones = positions.getManager().ones(new Shape(view.count(), 1));
    float[] image = rasterizer.render(view.withFeatures(positions.concat(ones, 1)), new float[3]).image();
    int size = view.width();
    float[] out = new float[image.length];
    for (int p = 0; p < image.length / 3; p++) {
      float weight = image[3 * p + 2];
      boolean covered = weight >= MIN_COVERAGE;
      out[3 * p] = covered ? image[3 * p] / weight : p % size + 0.5f;
      out[3 * p + 1] = covered ? image[3 * p + 1] / weight : p / size + 0.5f;
      out[3 * p + 2] = covered ? 1f : 0f;
    }
    return out;
  }

  /** Whether the map {@code backward} (s -> t) carries point (sx, sy) back within reach of (x, y). */
  private static boolean roundTrip(float[] backward, int size, float sx, float sy, float x, float y) {
    int col = (int) Math.floor(sx);
    int row = (int) Math.floor(sy);
    if (col < 0 || row < 0 || col >= size || row >= size) {
      return false;
    }
    int q = row * size + col;
    if (backward[3 * q + 2] == 0) {
      return false;
    }
    return Math.hypot(backward[3 * q] - x, backward[3 * q + 1] - y) <= ROUND_TRIP_PIXELS;
  }
}
