package ai.fym.engine.ingest;

/**
 * A face track of one clip after ingest: its frame range within a shot, detector statistics, the
 * mean face embedding, and the person group it was merged into (0-based, same numbering for every
 * track of that person in the clip).
 */
public record TrackInfo(int id, int shot, int firstFrame, int lastFrame, float meanScore, float meanFaceSize,
    float[] embedding, int person) {
  public int frames() {
    return lastFrame - firstFrame + 1;
  }
}
