package ai.fym.udfs.models;

import ai.fym.engine.errors.FymException;
import ai.fym.engine.face.FaceDetector;
import ai.fym.engine.face.FaceDetectors;
import ai.fym.engine.identity.FaceEmbedder;
import ai.fym.engine.ingest.FaceModels;
import ai.fym.engine.landmarks.LandmarkNet;

/**
 * The executor model cache: the landmark and embedding nets are loaded once per executor JVM (their
 * {@code load()} keeps one thread-safe instance) and shared by every task and thread; detectors, which
 * are not thread-safe, are created per caller. This avoids the reload-per-partition cost of a naive UDF.
 */
public final class ExecutorModels implements FaceModels {
  private final float minFaceScore;

  public ExecutorModels(float minFaceScore) {
    this.minFaceScore = minFaceScore;
  }

  @Override
  public FaceDetector newDetector() throws FymException {
    return FaceDetectors.withFallback(minFaceScore);
  }

  @Override
  public LandmarkNet landmarks() throws FymException {
    return LandmarkNet.load();
  }

  @Override
  public FaceEmbedder embedder() throws FymException {
    return FaceEmbedder.load();
  }
}
