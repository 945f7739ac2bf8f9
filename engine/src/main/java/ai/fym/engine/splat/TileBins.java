package ai.fym.engine.splat;

import java.util.Arrays;

/**
 * Which splats each 16x16 tile draws, front to back: the binning step both rasterizers share, so that they
 * composite the same (tile, splat) pairs in the same order.
 *
 * <p>A splat goes to every tile that holds a pixel centre where its alpha can reach 1/255: the bounding box of
 * the ellipse {@code power >= ln(1 / (255 opacity))}, which is tighter than 3DGS's 3-sigma square for all but the
 * most opaque splats and never drops a pixel that would be drawn. Splats are sorted by depth once (a primitive
 * sort of depth-index keys) and dealt into the tiles in that order, so every tile's list comes out sorted. Buffers
 * grow to the largest frame seen and are reused.
 */
final class TileBins {
  static final int TILE = 16;
  static final float MIN_ALPHA = 1f / 255f;

  private int tilesX;
  private int tilesY;
  private int[] offsets = new int[1];
  private int[] pairs = new int[0];
  private long[] order = new long[0];
  private int[] rects = new int[0];
  private float[] minPower = new float[0];
  private float[] extents = new float[0];

  /** Bins {@code s} into the tiles of a {@code width x height} image. */
  void build(SplatArrays s, int width, int height) {
    tilesX = (width + TILE - 1) / TILE;
    tilesY = (height + TILE - 1) / TILE;
    int n = s.count();
    if (rects.length < 4 * n) {
      rects = new int[4 * n];
      order = new long[n];
      minPower = new float[n];
      extents = new float[2 * n];
    }
    if (offsets.length < tilesX * tilesY + 1) {
      offsets = new int[tilesX * tilesY + 1];
    }
    Arrays.fill(offsets, 0, tilesX * tilesY + 1, 0);
    int visible = 0;
    for (int i = 0; i < n; i++) {
      if (bound(s, i, width, height)) {
        order[visible++] = (long) sortableBits(s.depths()[i]) << 32 | i;
        for (int ty = rects[4 * i + 1]; ty <= rects[4 * i + 3]; ty++) {
          for (int tx = rects[4 * i]; tx <= rects[4 * i + 2]; tx++) {
            offsets[ty * tilesX + tx + 1]++;
          }
        }
      }
    }
    Arrays.sort(order, 0, visible);
    for (int t = 0; t < tilesX * tilesY; t++) {
      offsets[t + 1] += offsets[t];
    }
    if (pairs.length < offsets[tilesX * tilesY]) {
      pairs = new int[offsets[tilesX * tilesY] * 5 / 4];
    }
    int[] fill = Arrays.copyOf(offsets, tilesX * tilesY);
    for (int k = 0; k < visible; k++) {
      int i = (int) order[k];
      for (int ty = rects[4 * i + 1]; ty <= rects[4 * i + 3]; ty++) {
        for (int tx = rects[4 * i]; tx <= rects[4 * i + 2]; tx++) {
          pairs[fill[ty * tilesX + tx]++] = i;
        }
      }
    }
  }

  /** Sets splat i's tile rectangle, extents and power bound; false when it draws no pixel. */
  private boolean bound(SplatArrays s, int i, int width, int height) {
    float opacity = s.opacities()[i];
    if (s.radii()[i] <= 0 || !(opacity >= MIN_ALPHA)) {
      return false;
    }
    double a = s.conics()[3 * i];
    double b = s.conics()[3 * i + 1];
    double c = s.conics()[3 * i + 2];
    double det = a * c - b * b;
    if (!(det > 0 && a > 0)) {
      return false;
    }
    double reach = 2 * Math.log(255.0 * opacity);
    double ex = Math.sqrt(reach * c / det) + 1e-3;
    double ey = Math.sqrt(reach * a / det) + 1e-3;
    double mx = s.means2d()[2 * i];
    double my = s.means2d()[2 * i + 1];
    int x0 = (int) Math.max(0, Math.ceil(mx - ex - 0.5));
    int x1 = (int) Math.min(width - 1, Math.floor(mx + ex - 0.5));
    int y0 = (int) Math.max(0, Math.ceil(my - ey - 0.5));
    int y1 = (int) Math.min(height - 1, Math.floor(my + ey - 0.5));
    if (x0 > x1 || y0 > y1) {
      return false;
    }
    rects[4 * i] = x0 / TILE;
    rects[4 * i + 1] = y0 / TILE;
    rects[4 * i + 2] = x1 / TILE;
    rects[4 * i + 3] = y1 / TILE;
    minPower[i] = (float) (-0.5 * reach);
    extents[2 * i] = (float) ex;
    extents[2 * i + 1] = (float) ey;
    return true;
  }

  /** Float bits reordered so that signed integer order is numeric order, negative depths included. */
  private static int sortableBits(float depth) {
    int bits = Float.floatToIntBits(depth);
    return bits ^ ((bits >> 31) & 0x7fffffff);
  }

  int tilesX() {
    return tilesX;
  }

  int tilesY() {
    return tilesY;
  }

  int tileCount() {
    return tilesX * tilesY;
  }

  /** Tile t's splats are {@code pairs()[start(t)]} up to {@code pairs()[end(t) - 1]}, front to back. */
  int start(int tile) {
    return offsets[tile];
  }

  int end(int tile) {
    return offsets[tile + 1];
  }

  int[] pairs() {
    return pairs;
  }

  /** Per splat, the exponent below which its alpha is under 1/255: {@code ln(1 / (255 opacity))}. */
  float[] minPower() {
    return minPower;
  }

  /** Per splat, the half-width and half-height (px) of the ellipse where its alpha reaches 1/255. */
  float[] extents() {
    return extents;
  }
}
