package ai.fym.engine.face;

import ai.fym.engine.geom.Box;

/**
 * One face found in one frame, in that frame's pixel coordinates.
 *
 * @param box the face box (BlazeFace: forehead to chin, ear to ear; Haar: the cascade's window)
 * @param score detection confidence in [0, 1] (Haar: a proxy from its neighbour count)
 * @param keypoints BlazeFace's six points as x0, y0, ..., x5, y5: right eye, left eye, nose tip, mouth
 *     centre, right ear tragion, left ear tragion (right/left of the subject, so the right eye is usually
 *     on the image's left); empty for detectors without keypoints
 * @param detector the name of the detector that produced it ({@code "blazeface"} or {@code "haar"})
 */
public record FaceDetection(Box box, float score, float[] keypoints, String detector) {

  /** Number of keypoints (x, y pairs) carried. */
  public int keypointCount() {
    return keypoints.length / 2;
  }

  /** The x coordinate of keypoint {@code i}. */
  public float keypointX(int i) {
    return keypoints[2 * i];
  }

  /** The y coordinate of keypoint {@code i}. */
  public float keypointY(int i) {
    return keypoints[2 * i + 1];
  }
}
