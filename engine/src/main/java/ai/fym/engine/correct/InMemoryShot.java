package ai.fym.engine.correct;

import ai.fym.engine.image.RgbImage;
import java.util.List;

/** A {@link ShotFrames} over two in-memory lists; fine for tests and short shots. */
public final class InMemoryShot implements ShotFrames {
  private final List<RgbImage> sources;
  private final List<RgbImage> edits;

  /** Both lists must have the same length; they are copied (the images are not). */
  public InMemoryShot(List<RgbImage> sources, List<RgbImage> edits) {
    if (sources.size() != edits.size()) {
      throw new IllegalArgumentException("a shot needs as many edited frames as source frames: "
          + edits.size() + " edited, " + sources.size() + " source");
    }
    this.sources = List.copyOf(sources);
    this.edits = List.copyOf(edits);
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
