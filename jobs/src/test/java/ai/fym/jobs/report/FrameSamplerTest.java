package ai.fym.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which frames a strip samples. */
class FrameSamplerTest {
  @Test
  void spreadsFramesOverTheClip() {
    assertEquals(List.of(0, 6, 12, 17, 23), FrameSampler.spread(24, 5));
    assertEquals(List.of(0, 1, 2), FrameSampler.spread(3, 5));
    assertEquals(List.of(), FrameSampler.spread(0, 5));
  }
}
