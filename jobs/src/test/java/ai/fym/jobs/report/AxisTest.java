package ai.fym.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Nice ticks that cover the data. */
class AxisTest {
  @Test
  void axisTicksAreNiceAndCoverTheRange() {
    Axis axis = Axis.of(0, 7.3);
    assertEquals(0, axis.min());
    assertEquals(8, axis.max());
    assertEquals(List.of(0.0, 2.0, 4.0, 6.0, 8.0), axis.ticks());
    assertEquals("0.05", Axis.of(0, 0.23).label(0.05));
  }
}
