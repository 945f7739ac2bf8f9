package ai.fym.engine.track;

import ai.fym.engine.geom.Box;
import java.util.List;

/**
 * One face followed through consecutive frames of one shot, with one box per frame from
 * {@code firstFrame} to {@link #lastFrame()}. Frames the detector missed inside the track are filled by
 * linear interpolation and marked {@code interpolated} with score 0. Ids are unique within the
 * {@link FaceTracker} that produced the track.
 *
 * @param id identifier, unique within its tracker
 * @param firstFrame index of the track's first frame in the video
 * @param boxes face box per frame, {@code boxes.get(i)} belonging to frame {@code firstFrame + i}
 * @param scores detection score per frame, 0 where interpolated
 * @param interpolated per frame, true where no detection was matched and the box is interpolated
 */
public record Track(int id, int firstFrame, List<Box> boxes, float[] scores, boolean[] interpolated) {

  public Track {
    boxes = List.copyOf(boxes);
    if (boxes.isEmpty() || scores.length != boxes.size() || interpolated.length != boxes.size()) {
      throw new IllegalArgumentException("a track needs one box, score and flag per frame; got "
          + boxes.size() + " boxes, " + scores.length + " scores, " + interpolated.length + " flags");
    }
    scores = scores.clone();
    interpolated = interpolated.clone();
  }

  /** Index of the track's last frame (inclusive). */
  public int lastFrame() {
    return firstFrame + boxes.size() - 1;
  }

  /** Number of frames covered, interpolated ones included. */
  public int length() {
    return boxes.size();
  }

  /** Whether the track has a box for {@code frame}. */
  public boolean covers(int frame) {
    return frame >= firstFrame && frame <= lastFrame();
  }

  /** The box of {@code frame}, which must be covered. */
  public Box box(int frame) {
    if (!covers(frame)) {
      throw new IndexOutOfBoundsException("frame " + frame + " is outside track " + id + " ["
          + firstFrame + ", " + lastFrame() + "]");
    }
    return boxes.get(frame - firstFrame);
  }

  /** Number of frames backed by a real detection. */
  public int detectedFrames() {
    int n = 0;
    for (boolean i : interpolated) {
      n += i ? 0 : 1;
    }
    return n;
  }

  /** Mean of the boxes' larger side, in pixels: the typical face size of the track. */
  public float meanSide() {
    double sum = 0;
    for (Box b : boxes) {
      sum += Math.max(b.width(), b.height());
    }
    return (float) (sum / boxes.size());
  }
}
