package ai.fym.engine.avatar;

import ai.fym.engine.geom.Box;
import ai.fym.engine.image.RgbImage;
import ai.fym.engine.landmarks.Landmarks68;
import ai.fym.engine.track.CropTransform;

/**
 * One face frame an avatar trains on or is driven by: its place in the corpus, the face crop at the avatar's
 * resolution (row-major RGB floats in [0, 1]) and its 68 landmarks in that crop's pixels (x, y per point).
 */
public record AvatarFrame(String clip, int shot, int frameIndex, float[] image, float[] landmarks) {

  /**
   * The frame from an ingested face crop: {@code crop} (any size) resized to {@code resolution}, and
   * {@code landmarks} (frame pixels) carried into it by {@code transform}.
   */
  public static AvatarFrame fromCrop(String clip, int shot, int frameIndex, RgbImage crop, CropTransform transform,
      Landmarks68 landmarks, int resolution) {
    RgbImage small = crop.resample(new Box(0, 0, crop.width(), crop.height()), resolution, resolution);
    byte[] rgb = small.rgb();
    float[] image = new float[rgb.length];
    for (int i = 0; i < rgb.length; i++) {
      image[i] = (rgb[i] & 0xff) / 255f;
    }
    float toAvatar = resolution / (float) transform.size();
    float[] points = new float[Landmarks68.COUNT * 2];
    for (int i = 0; i < Landmarks68.COUNT; i++) {
      float[] uv = transform.toCrop(landmarks.x(i), landmarks.y(i));
      points[2 * i] = uv[0] * toAvatar;
      points[2 * i + 1] = uv[1] * toAvatar;
    }
    return new AvatarFrame(clip, shot, frameIndex, image, points);
  }
}
