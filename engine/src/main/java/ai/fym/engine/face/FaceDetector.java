package ai.fym.engine.face;

import ai.fym.engine.image.RgbImage;
import java.util.List;

/**
 * Finds faces in single frames. Implementations hold native OpenCV objects (a dnn {@code Net} or a
 * cascade classifier) that are NOT thread-safe: create one detector per thread and close it when done.
 * Build instances with {@link FaceDetectors}.
 */
public interface FaceDetector extends AutoCloseable {

  /** The faces in {@code frame}, best score first; empty when there is none. */
  List<FaceDetection> detect(RgbImage frame);

  /** Releases the native resources; the detector must not be used afterwards. */
  @Override
  void close();
}
