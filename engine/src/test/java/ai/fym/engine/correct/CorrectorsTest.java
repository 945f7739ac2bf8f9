package ai.fym.engine.correct;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fym.engine.errors.FymException;
import ai.fym.engine.image.RgbImage;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CorrectorsTest {
  @Test
  void namesAreTheBuiltInMethodsAndTheReference() {
    assertEquals(List.of("per-frame", "smooth", "propagate", "trajectory-warp", "source", "fym"),
        Correctors.names());
  }

  @Test
  void sourceReturnsExactlyTheSourceFrames() throws Exception {
    Random random = new Random(4);
    List<RgbImage> sources = List.of(noise(random, 32, 24), noise(random, 32, 24));
    List<RgbImage> edits = List.of(noise(random, 32, 24), noise(random, 32, 24));
    List<RgbImage> out = Correctors.create("source", Map.of()).correctShot(new InMemoryShot(sources, edits));
    for (int i = 0; i < 2; i++) {
      assertArrayEquals(sources.get(i).rgb(), out.get(i).rgb());
    }
    assertEquals(Map.of(), Correctors.create("source", Map.of()).config());
  }

  @Test
  void perFrameReturnsExactlyTheEdits() throws Exception {
    Random random = new Random(3);
    List<RgbImage> sources = List.of(noise(random, 32, 24), noise(random, 32, 24), noise(random, 32, 24));
    List<RgbImage> edits = List.of(noise(random, 32, 24), noise(random, 32, 24), noise(random, 32, 24));
    List<RgbImage> out = Correctors.create("per-frame", Map.of()).correctShot(new InMemoryShot(sources, edits));
    assertEquals(3, out.size());
    for (int i = 0; i < 3; i++) {
      assertArrayEquals(edits.get(i).rgb(), out.get(i).rgb());
    }
  }

  @Test
  void configListsEveryDefaultSortedAndCanonical() throws Exception {
    assertEquals(Map.of(), Correctors.create("per-frame", Map.of()).config());
    Map<String, String> smooth = Correctors.create("smooth", Map.of()).config();
    assertEquals(List.of("alpha", "flow-downscale", "tolerance"), List.copyOf(smooth.keySet()));
    assertEquals("0.3", smooth.get("alpha"));
    assertEquals("2", smooth.get("flow-downscale"));
    assertEquals("16", smooth.get("tolerance"));
    assertEquals(Map.of("flow-downscale", "2", "mode", "direct", "tolerance", "8"),
        Correctors.create("propagate", Map.of()).config());
  }

  @Test
  void overridesAreParsedAndEqualValuesGiveEqualConfigs() throws Exception {
    Corrector a = Correctors.create("smooth", Map.of("alpha", "0.50", "flow-downscale", " 1 "));
    assertEquals("0.5", a.config().get("alpha"));
    assertEquals("1", a.config().get("flow-downscale"));
    assertEquals(a.config(), Correctors.create("smooth", Map.of("alpha", "5e-1", "flow-downscale", "1")).config());
    assertEquals("12.5", Correctors.create("propagate", Map.of("tolerance", "12.5")).config().get("tolerance"));
  }

  @Test
  void unknownMethodsAndParametersAndBadValuesAreRejectedClearly() {
    FymException method = assertThrows(FymException.class, () -> Correctors.create("blur", Map.of()));
    assertEquals(FymException.Reason.BAD_PARAMETER, method.reason());
    assertTrue(method.getMessage().contains("'blur'") && method.getMessage().contains("per-frame, smooth, propagate"),
        method.getMessage());
    FymException key = assertThrows(FymException.class, () -> Correctors.create("smooth", Map.of("window", "3")));
    assertTrue(key.getMessage().contains("'window'") && key.getMessage().contains("alpha"), key.getMessage());
    FymException none = assertThrows(FymException.class, () -> Correctors.create("per-frame", Map.of("alpha", "1")));
    assertTrue(none.getMessage().contains("none"), none.getMessage());
    FymException range = assertThrows(FymException.class, () -> Correctors.create("smooth", Map.of("alpha", "1.5")));
    assertTrue(range.getMessage().contains("alpha=1.5") && range.getMessage().contains("0.01 to 1.0"),
        range.getMessage());
    FymException text = assertThrows(FymException.class,
        () -> Correctors.create("propagate", Map.of("flow-downscale", "half")));
    assertTrue(text.getMessage().contains("whole number"), text.getMessage());
    assertThrows(FymException.class, () -> Correctors.create("smooth", Map.of("alpha", "NaN")));
    FymException mode = assertThrows(FymException.class, () -> Correctors.create("propagate", Map.of("mode", "dirct")));
    assertTrue(mode.getMessage().contains("one of direct, chain"), mode.getMessage());
  }

  @Test
  void editsOfAnotherSizeAreRejected() throws Exception {
    Random random = new Random(5);
    ShotFrames shot = new InMemoryShot(List.of(noise(random, 32, 24), noise(random, 32, 24)),
        List.of(noise(random, 32, 24), noise(random, 24, 32)));
    for (String method : Correctors.names()) {
      FymException e = assertThrows(FymException.class, () -> Correctors.create(method, Map.of()).correctShot(shot));
      assertEquals(FymException.Reason.EDIT_MISMATCH, e.reason());
      assertTrue(e.getMessage().contains("frame 1") && e.getMessage().contains("24x32"), e.getMessage());
    }
  }

  @Test
  void anEmptyShotGivesNoFrames() throws Exception {
    for (String method : Correctors.names()) {
      assertEquals(List.of(), Correctors.create(method, Map.of()).correctShot(new InMemoryShot(List.of(), List.of())));
    }
  }

  private static RgbImage noise(Random random, int width, int height) {
    byte[] rgb = new byte[width * height * 3];
    random.nextBytes(rgb);
    return new RgbImage(width, height, rgb);
  }
}
