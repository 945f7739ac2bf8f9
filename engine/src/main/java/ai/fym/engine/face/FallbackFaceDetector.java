package ai.fym.engine.face;

import ai.fym.engine.image.RgbImage;
import java.util.List;

/**
 * Runs a primary detector and, only on frames where it finds nothing, a secondary one. BlazeFace is
 * precise on real faces but can miss stylised ones; the Haar cascade then gives a rougher box rather
 * than none. Closes both. Not thread-safe.
 */
final class FallbackFaceDetector implements FaceDetector {
  private final FaceDetector primary;
  private final FaceDetector secondary;

  FallbackFaceDetector(FaceDetector primary, FaceDetector secondary) {
    this.primary = primary;
    this.secondary = secondary;
  }

  @Override
  public List<FaceDetection> detect(RgbImage frame) {
    List<FaceDetection> faces = primary.detect(frame);
    return faces.isEmpty() ? secondary.detect(frame) : faces;
  }

  @Override
  public void close() {
    try {
      primary.close();
    } finally {
      secondary.close();
    }
  }
}
