package ai.fym.udfs.faults;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FaultInjectorTest {
  /** The progress (0 to 1) where an item's first attempt fails, or -1 when it does not. */
  private static double failurePoint(FaultInjector injector, String item) {
    FaultInjector.Fault f = injector.forItem("stage", item);
    for (int i = 0; i <= 100; i++) {
      try {
        f.reached(i / 100.0);
      } catch (InjectedTaskFailure e) {
        return i / 100.0;
      }
    }
    return -1;
  }

  @Test
  void aSeededShareOfItemsFailsAtReproduciblePoints() {
    FaultInjector injector = FaultInjector.random(0.2, 7);
    int failing = 0;
    int afterArtifact = 0;
    for (int i = 0; i < 2000; i++) {
      double p = failurePoint(injector, "item" + i);
      assertEquals(p, failurePoint(FaultInjector.random(0.2, 7), "item" + i), "same seed, same plan");
      failing += p >= 0 ? 1 : 0;
      afterArtifact += p == 1 ? 1 : 0;
    }
    assertTrue(failing > 340 && failing < 460, "about 20 % of 2000 items: " + failing);
    assertTrue(afterArtifact > 40 && afterArtifact < 130, "about a fifth of them after the artifact: "
        + afterArtifact);
  }

  @Test
  void noneNeverFailsAndAlwaysFailsAtItsPoint() {
    assertDoesNotThrow(() -> FaultInjector.NONE.forItem("s", "x").reached(1));
    FaultInjector.Fault f = FaultInjector.always(0.5).forItem("s", "x");
    assertDoesNotThrow(() -> f.reached(0.49));
    InjectedTaskFailure e = assertThrows(InjectedTaskFailure.class, () -> f.reached(0.5));
    assertTrue(e.getMessage().contains("s item x"), e.getMessage());
  }
}
