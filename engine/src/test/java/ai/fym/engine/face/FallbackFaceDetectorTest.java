package ai.fym.engine.face;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fym.engine.geom.Box;
import ai.fym.engine.image.RgbImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class FallbackFaceDetectorTest {

  /** A detector that returns a fixed answer and counts its calls. */
  private static final class Fixed implements FaceDetector {
    private final List<FaceDetection> answer;
    int calls;
    boolean closed;

    Fixed(List<FaceDetection> answer) {
      this.answer = answer;
    }

    @Override
    public List<FaceDetection> detect(RgbImage frame) {
      calls++;
      return answer;
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  private static final FaceDetection FACE =
      new FaceDetection(new Box(1, 2, 30, 30), 0.8f, new float[0], "secondary");

  @Test
  void secondaryRunsOnlyWhenPrimaryFindsNothing() {
    Fixed primary = new Fixed(List.of());
    Fixed secondary = new Fixed(List.of(FACE));
    try (FaceDetector d = new FallbackFaceDetector(primary, secondary)) {
      assertEquals(List.of(FACE), d.detect(RgbImage.blank(8, 8)));
    }
    assertEquals(1, secondary.calls);
    assertTrue(primary.closed && secondary.closed);

    Fixed found = new Fixed(List.of(FACE));
    Fixed unused = new Fixed(List.of());
    try (FaceDetector d = new FallbackFaceDetector(found, unused)) {
      d.detect(RgbImage.blank(8, 8));
    }
    assertEquals(0, unused.calls);
  }
}
