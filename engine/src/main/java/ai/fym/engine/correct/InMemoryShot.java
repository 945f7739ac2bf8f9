package ai.fym.engine.correct;

import ai.fym.engine.geom.Box;
import ai.fym.engine.image.RgbImage;
import java.util.List;
import java.util.Map;

/** A {@link ShotFrames} over two in-memory lists; fine for tests and short shots. */
public final class InMemoryShot implements ShotFrames {
  private final List<RgbImage> sources;
  private final List<RgbImage> edits;
  private final int start;
  private final Map<Integer, Box> faceBoxes;

  /** A shot that stands alone (starting at clip frame 0). */
  public InMemoryShot(List<RgbImage> sources, List<RgbImage> edits) {
    this(sources, edits, 0);
  }

  /**
   * The shot starting at clip frame {@code start}. Both lists must have the same length; they are copied (the
   * images are not).
   */
  public InMemoryShot(List<RgbImage> sources, List<RgbImage> edits, int start) {
    this(sources, edits, start, Map.of());
  }

  /** As {@link #InMemoryShot(List, List, int)}, with the main face box by clip frame index. */
  public InMemoryShot(List<RgbImage> sources, List<RgbImage> edits, int start, Map<Integer, Box> faceBoxes) {
    if (sources.size() != edits.size()) {
      throw new IllegalArgumentException("a shot needs as many edited frames as source frames: "
          + edits.size() + " edited, " + sources.size() + " source");
    }
    this.sources = List.copyOf(sources);
    this.edits = List.copyOf(edits);
    this.start = start;
    this.faceBoxes = faceBoxes;
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

  @Override
  public Box faceBox(int i) {
    return faceBoxes.get(start + i);
  }
}
