package ai.fym.engine.ingest;

import ai.fym.engine.errors.FymException;
import ai.fym.engine.face.FaceDetector;
import ai.fym.engine.identity.FaceEmbedder;
import ai.fym.engine.landmarks.LandmarkNet;

/**
 * The models ingest uses. Landmark and embedding nets are thread-safe and shared; detectors are not,
 * so each caller gets its own. Executors implement this with one cached instance per JVM.
 */
public interface FaceModels {
  FaceDetector newDetector() throws FymException;

  LandmarkNet landmarks() throws FymException;

  FaceEmbedder embedder() throws FymException;
}
