package ai.fym.engine.ingest;

/** A shot of a clip: frames {@code [startFrame, endFrame)} between two cuts. */
public record Shot(int index, int startFrame, int endFrame) {
  public int frames() {
    return endFrame - startFrame;
  }
}
