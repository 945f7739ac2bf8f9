package ai.fym.udfs.models;

import ai.fym.engine.errors.FymException;
import ai.fym.engine.face.FaceDetector;
import ai.fym.engine.face.FaceDetectors;
import ai.fym.engine.identity.FaceEmbedder;
import ai.fym.engine.ingest.FaceModels;
import ai.fym.engine.landmarks.LandmarkNet;

/**
 * The executor model cache: each network is loaded once per executor JVM and shared by every task
 * and thread in it (the landmark and embedding nets are thread-safe); detectors, which are not,
 * are created per caller. This avoids the reload-per-partition cost of a naive UDF.
 */
public final class ExecutorModels implements FaceModels {
  private static volatile LandmarkNet landmarks;
  private static volatile FaceEmbedder embedder;

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
    return landmarkNet();
  }

  /** The JVM's one landmark net, loaded on first use. */
  public static LandmarkNet landmarkNet() throws FymException {
    LandmarkNet l = landmarks;
    if (l == null) {
      synchronized (ExecutorModels.class) {
        if (landmarks == null) {
          landmarks = LandmarkNet.load();
        }
        l = landmarks;
      }
    }
    return l;
  }

  @Override
  public FaceEmbedder embedder() throws FymException {
    FaceEmbedder e = embedder;
    if (e == null) {
      synchronized (ExecutorModels.class) {
        if (embedder == null) {
          embedder = FaceEmbedder.load();
        }
        e = embedder;
      }
    }
    return e;
  }
}
