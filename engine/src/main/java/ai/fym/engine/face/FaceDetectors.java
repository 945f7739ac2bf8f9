package ai.fym.engine.face;

import ai.fym.engine.errors.FymException;

/**
 * Factories of the engine's face detectors, all built from bundled, offline models: MediaPipe's
 * short-range BlazeFace (verified by sha256 when loaded) and OpenCV's frontal-face Haar cascade. Each
 * returned detector is for one thread only; close it when done.
 */
public final class FaceDetectors {
  /**
   * BlazeFace score threshold used by the pipeline, MediaPipe's own default. On the Megamind sample it
   * keeps the main face in every non-black frame (scores 0.85 to 0.97) plus a blurred background face;
   * 0.3 adds false positives on hands and the back of a head.
   */
  public static final float DEFAULT_MIN_SCORE = 0.5f;

  private FaceDetectors() {}

  /**
   * MediaPipe's short-range BlazeFace through OpenCV dnn: boxes with six keypoints, faces larger than
   * about a tenth of the letterboxed frame.
   *
   * @param minScore keep faces whose score reaches this, in (0, 1)
   * @throws FymException MODEL_INTEGRITY when the bundled model does not match its checksum
   */
  public static FaceDetector blazeFace(float minScore) throws FymException {
    return new BlazeFaceDetector(minScore);
  }

  /** OpenCV's frontal-face Haar cascade: boxes only, no keypoints, a neighbour-count score. */
  public static FaceDetector haar() {
    return new HaarFaceDetector();
  }

  /**
   * BlazeFace first; the Haar cascade only on frames where BlazeFace finds nothing.
   *
   * @throws FymException MODEL_INTEGRITY when the bundled BlazeFace model does not match its checksum
   */
  public static FaceDetector withFallback(float minScore) throws FymException {
    FaceDetector blaze = blazeFace(minScore);
    try {
      return new FallbackFaceDetector(blaze, haar());
    } catch (RuntimeException e) {
      blaze.close();
      throw e;
    }
  }
}
