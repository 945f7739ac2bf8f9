package ai.fym.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CombinedScoreTest {
  private static final CombinedScore.Figures RAW = new CombinedScore.Figures(0.3, 1.5, 0.6, 40);

  @Test
  void theRawEditScoresOneAndHalvingEveryErrorAtEqualFidelityScoresFiveEighths() {
    assertEquals(1.0, CombinedScore.of(RAW, RAW), 1e-12);
    assertEquals((0.5 + 0.5 + 0.5 + 1) / 4, CombinedScore.of(new CombinedScore.Figures(0.15, 0.75, 0.3, 40), RAW),
        1e-12);
  }

  @Test
  void losingSixDecibelsOfTheEditCostsLikeDoublingOneRatio() {
    double lost = CombinedScore.of(new CombinedScore.Figures(0.3, 1.5, 0.6, 40 - 20 * Math.log10(2)), RAW);
    assertEquals((1 + 1 + 1 + 2) / 4.0, lost, 1e-9);
    assertTrue(Double.isNaN(CombinedScore.of(RAW, new CombinedScore.Figures(0, 1.5, 0.6, 40))));
  }
}
