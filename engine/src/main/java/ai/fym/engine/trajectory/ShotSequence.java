package ai.fym.engine.trajectory;

import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import ai.fym.engine.image.ImageCodec;
import ai.fym.engine.image.RgbImage;
import ai.fym.engine.motion.Flow;
import ai.fym.engine.motion.FlowEstimator;
import ai.fym.engine.motion.Warp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * A shot as the trajectory trainer sees it: its frames at the working resolution (area-downsampled, RGB as
 * floats) and the classical flows that supervise the field: each frame to the shot's first frame (DIS, checked
 * forward-backward) and each frame to its predecessor (for the smoothness term). The same code takes full frames
 * or face crops: it only sees a list of images.
 */
public final class ShotSequence {
  private final int width;
  private final int height;
  private final List<float[]> rgb;
  private final List<Flow> toFirst;
  private final List<boolean[]> toFirstValid;
  private final List<Flow> toPrevious;
  private final List<boolean[]> toPreviousValid;

  private ShotSequence(int width, int height, List<float[]> rgb, List<Flow> toFirst, List<boolean[]> toFirstValid,
      List<Flow> toPrevious, List<boolean[]> toPreviousValid) {
    this.width = width;
    this.height = height;
    this.rgb = rgb;
    this.toFirst = toFirst;
    this.toFirstValid = toFirstValid;
    this.toPrevious = toPrevious;
    this.toPreviousValid = toPreviousValid;
  }

  /** The working size for a {@code width x height} frame: long side {@code workingSize}, never upscaled. */
  public static int[] workingSize(int width, int height, int workingSize) {
    double s = Math.min(1.0, (double) workingSize / Math.max(width, height));
    return new int[] {Math.max(2, (int) Math.round(width * s)), Math.max(2, (int) Math.round(height * s))};
  }

  /** Downsamples {@code frames} (all the same size) to the working size and estimates their flows. */
  public static ShotSequence of(List<RgbImage> frames, int workingSize) {
    if (frames.isEmpty()) {
      throw new IllegalArgumentException("a shot needs at least one frame");
    }
    int[] size = workingSize(frames.get(0).width(), frames.get(0).height(), workingSize);
    List<RgbImage> small = new ArrayList<>();
    for (RgbImage f : frames) {
      small.add(downsample(f, size[0], size[1]));
    }
    List<float[]> rgb = new ArrayList<>();
    List<Flow> toFirst = new ArrayList<>();
    List<boolean[]> firstValid = new ArrayList<>();
    List<Flow> toPrevious = new ArrayList<>();
    List<boolean[]> previousValid = new ArrayList<>();
    try (FlowEstimator flows = new FlowEstimator()) {
      for (int t = 0; t < small.size(); t++) {
        RgbImage frame = small.get(t);
        rgb.add(floats(frame));
        if (t == 0) {
          toFirst.add(Flow.uniform(size[0], size[1], 0f, 0f));
          firstValid.add(allTrue(size[0] * size[1]));
          toPrevious.add(null);
          previousValid.add(null);
          continue;
        }
        Flow first = flows.estimate(frame, small.get(0));
        toFirst.add(first);
        firstValid.add(Warp.visible(first, flows.estimate(small.get(0), frame)));
        Flow previous = flows.estimate(frame, small.get(t - 1));
        toPrevious.add(previous);
        previousValid.add(Warp.visible(previous, flows.estimate(small.get(t - 1), frame)));
      }
    }
    return new ShotSequence(size[0], size[1], rgb, toFirst, firstValid, toPrevious, previousValid);
  }

  /** {@code image} resized to {@code width x height} by area averaging (OpenCV INTER_AREA). */
  public static RgbImage downsample(RgbImage image, int width, int height) {
    if (image.width() == width && image.height() == height) {
      return image;
    }
    try (Mat bgr = ImageCodec.toBgr(image); Mat out = new Mat(); Size size = new Size(width, height)) {
      resize(bgr, out, size, 0, 0, INTER_AREA);
      return ImageCodec.fromBgr(out);
    }
  }

  private static float[] floats(RgbImage image) {
    byte[] b = image.rgb();
    float[] f = new float[b.length];
    for (int i = 0; i < b.length; i++) {
      f[i] = b[i] & 0xff;
    }
    return f;
  }

  private static boolean[] allTrue(int n) {
    boolean[] b = new boolean[n];
    Arrays.fill(b, true);
    return b;
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  public int frames() {
    return rgb.size();
  }

  /** Frame {@code t}, interleaved RGB in grey levels (not copied). */
  float[] rgb(int t) {
    return rgb.get(t);
  }

  /** Flow from frame {@code t} to the first frame (zero for frame 0). */
  Flow toFirst(int t) {
    return toFirst.get(t);
  }

  /** Where {@link #toFirst} passed the forward-backward check. */
  boolean[] toFirstValid(int t) {
    return toFirstValid.get(t);
  }

  /** Flow from frame {@code t} (>= 1) to frame t - 1. */
  Flow toPrevious(int t) {
    return toPrevious.get(t);
  }

  /** Where {@link #toPrevious} passed the forward-backward check. */
  boolean[] toPreviousValid(int t) {
    return toPreviousValid.get(t);
  }
}
