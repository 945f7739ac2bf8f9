package ai.fym.engine.correct;

import ai.fym.engine.image.RgbImage;
import java.util.List;

/** A {@link ShotFrames} over two in-memory lists; fine for tests and short shots. */
public final class InMemoryShot implements ShotFrames {
  private final List<RgbImage> sources;
  private final List<RgbImage> edits;
  private final int start;

  /** A shot that stands alone (starting at clip frame 0). */
  public InMemoryShot(List<RgbImage> sources, List<RgbImage> edits) {
    this(sources, edits, 0);
  }

  /**
   * The shot starting at clip frame {@code start}. Both lists must have the same length; they are copied (the
   * images are not).
   */
  public InMemoryShot(List<RgbImage> sources, List<RgbImage> edits, int start) {
    if (sources.size() != edits.size()) {
      throw new IllegalArgumentException("a shot needs as many edited frames as source frames: "
          + edits.size() + " edited, " + sources.size() + " source");
    }
    this.sources = List.copyOf(sources);
    this.edits = List.copyOf(edits);
    this.start = start;
  }

  @Override
  public int start() {
    return start;
  }

  @Override
  public int length() {
    return sources.size();
  }

  @Override
  public RgbImage source(int i) {
    return sources.get(i);
  }

  @Override
  public RgbImage edited(int i) {
    return edits.get(i);
  }
}
