package ai.fym.engine.track;

import ai.fym.engine.geom.Box;
import ai.fym.engine.image.RgbImage;

/**
 * The similarity (translation + uniform scale, no rotation) between a video frame and a square
 * {@code size x size} face crop, stored with each crop so that later stages can map landmarks and edited
 * pixels back into the full frame.
 *
 * <p>Coordinates are continuous pixel coordinates in which pixel (i, j) covers [i, i+1) x [j, j+1), so its
 * centre is at (i + 0.5, j + 0.5); this is the convention of {@link RgbImage#resample}. Frame point (x, y)
 * maps to crop point (u, v) = ((x - originX) * scale, (y - originY) * scale); (originX, originY) is the
 * crop window's top-left corner in the frame and {@code scale = size / windowSide}.
 *
 * <p>For OpenCV, whose {@code warpAffine} puts pixel centres at integers, {@link #affine()} gives the
 * 2 x 3 frame-to-crop matrix [[s, 0, tx], [0, s, ty]] with tx = s * (0.5 - originX) - 0.5 (ty alike):
 * {@code warpAffine(frame, M, size x size)} reproduces {@link #crop}, and
 * {@code warpAffine(crop, M, frameSize, WARP_INVERSE_MAP)} pastes a crop back into the frame.
 *
 * @param originX frame x of the crop window's left edge
 * @param originY frame y of the crop window's top edge
 * @param scale crop pixels per frame pixel
 * @param size side of the square crop in pixels
 */
public record CropTransform(float originX, float originY, float scale, int size) {

  public CropTransform {
    if (!(scale > 0f) || !Float.isFinite(scale) || size <= 0) {
      throw new IllegalArgumentException("need scale > 0 and size > 0, got " + scale + " and " + size);
    }
  }

  /** The transform that crops the square window {@code square} of a frame into a {@code size}-pixel crop. */
  public static CropTransform of(Box square, int size) {
    float side = square.width();
    if (!(side > 0f) || Math.abs(square.height() - side) > 1e-3f * side) {
      throw new IllegalArgumentException("crop window must be a non-empty square, got " + square);
    }
    return new CropTransform(square.x(), square.y(), size / side, size);
  }

  /** Crop coordinates (u, v) of frame point (x, y). */
  public float[] toCrop(float x, float y) {
    return new float[] {(x - originX) * scale, (y - originY) * scale};
  }

  /** Frame coordinates (x, y) of crop point (u, v). */
  public float[] toFrame(float u, float v) {
    return new float[] {u / scale + originX, v / scale + originY};
  }

  /** The crop window in frame coordinates (may extend past the frame's border). */
  public Box window() {
    float side = size / scale;
    return new Box(originX, originY, side, side);
  }

  /** The 2 x 3 frame-to-crop matrix, row-major, in OpenCV's integer-pixel-centre convention. */
  public double[] affine() {
    double tx = scale * (0.5 - originX) - 0.5;
    double ty = scale * (0.5 - originY) - 0.5;
    return new double[] {scale, 0, tx, 0, scale, ty};
  }

  /** The crop of {@code frame} (bilinear; the frame's border pixels extend past its edges). */
  public RgbImage crop(RgbImage frame) {
    return frame.resample(window(), size, size);
  }

  /** {originX, originY, scale, size}, for storage in a table column. */
  public float[] toArray() {
    return new float[] {originX, originY, scale, size};
  }

  /** The inverse of {@link #toArray()}. */
  public static CropTransform fromArray(float[] values) {
    if (values.length != 4 || values[3] != Math.rint(values[3])) {
      throw new IllegalArgumentException("a crop transform is {originX, originY, scale, integer size}");
    }
    return new CropTransform(values[0], values[1], values[2], (int) values[3]);
  }
}
