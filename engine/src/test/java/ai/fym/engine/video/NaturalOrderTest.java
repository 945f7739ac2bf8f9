package ai.fym.engine.video;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.fym.engine.video.internal.NaturalOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Frame files sort the way they were numbered, padded or not. */
class NaturalOrderTest {
  @Test
  void numbersCompareByValue() {
    List<String> names = new ArrayList<>(List.of("f10.png", "f2.png", "F1.png", "f002.png", "f1.jpg", "g0.png",
        "f99999999999999999999.png", "f100000000000000000000.png"));
    names.sort(NaturalOrder.INSTANCE);
    assertEquals(List.of("f1.jpg", "F1.png", "f002.png", "f2.png", "f10.png", "f99999999999999999999.png",
        "f100000000000000000000.png", "g0.png"), names);
  }
}
