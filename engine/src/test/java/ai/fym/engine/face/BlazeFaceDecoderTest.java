package ai.fym.engine.face;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fym.engine.geom.Box;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class BlazeFaceDecoderTest {
  private static final int N = BlazeFaceDecoder.ANCHORS;
  private static final int V = BlazeFaceDecoder.VALUES_PER_ANCHOR;

  private static float[] silentLogits() {
    float[] logits = new float[N];
    Arrays.fill(logits, -20f);
    return logits;
  }

  @Test
  void decodesOffsetsRelativeToTheAnchor() {
    float[] logits = silentLogits();
    float[] reg = new float[N * V];
    // anchor 0: first cell of the 16x16 grid, centre (1/32, 1/32); anchor 512: first cell of the 8x8 grid
    logits[0] = 2f;
    reg[0] = 12.8f;
    reg[1] = -6.4f;
    reg[2] = 32f;
    reg[3] = 16f;
    reg[4] = 1.28f;
    logits[512] = 0f;
    List<BlazeFaceDecoder.Candidate> found = BlazeFaceDecoder.decode(logits, reg, 0.5f);
    assertEquals(2, found.size());
    BlazeFaceDecoder.Candidate c = found.get(0);
    assertEquals(1 / (1 + Math.exp(-2)), c.score(), 1e-6);
    assertEquals(1 / 32f + 0.1f, c.box().centerX(), 1e-6f);
    assertEquals(1 / 32f - 0.05f, c.box().centerY(), 1e-6f);
    assertEquals(0.25f, c.box().width(), 1e-6f);
    assertEquals(0.125f, c.box().height(), 1e-6f);
    assertEquals(1 / 32f + 0.01f, c.keypoints()[0], 1e-6f);
    assertEquals(1 / 32f, c.keypoints()[1], 1e-6f);
    BlazeFaceDecoder.Candidate coarse = found.get(1);
    assertEquals(0.5f, coarse.score(), 1e-6f);
    assertEquals(1 / 16f, coarse.box().centerX(), 1e-6f);
    assertTrue(BlazeFaceDecoder.decode(logits, reg, 0.9f).isEmpty());
  }

  @Test
  void lastAnchorIsTheBottomRightCoarseCell() {
    float[] logits = silentLogits();
    logits[N - 1] = 5f;
    BlazeFaceDecoder.Candidate c = BlazeFaceDecoder.decode(logits, new float[N * V], 0.5f).get(0);
    assertEquals(15 / 16f, c.box().centerX(), 1e-6f);
    assertEquals(15 / 16f, c.box().centerY(), 1e-6f);
  }

  private static BlazeFaceDecoder.Candidate candidate(Box box, float score) {
    return new BlazeFaceDecoder.Candidate(box, score, new float[2 * BlazeFaceDecoder.KEYPOINTS]);
  }

  @Test
  void weightedNmsMergesOverlapsAndKeepsSeparateFaces() {
    BlazeFaceDecoder.Candidate a = candidate(new Box(0.10f, 0.10f, 0.2f, 0.2f), 0.9f);
    BlazeFaceDecoder.Candidate b = candidate(new Box(0.12f, 0.10f, 0.2f, 0.2f), 0.6f);
    BlazeFaceDecoder.Candidate far = candidate(new Box(0.6f, 0.6f, 0.2f, 0.2f), 0.7f);
    List<BlazeFaceDecoder.Candidate> merged = BlazeFaceDecoder.weightedNms(List.of(b, far, a));
    assertEquals(2, merged.size());
    assertEquals(0.9f, merged.get(0).score());
    assertEquals((0.9f * 0.10f + 0.6f * 0.12f) / 1.5f, merged.get(0).box().x(), 1e-6f);
    assertEquals(far.box(), merged.get(1).box());
  }

  @Test
  void rejectsOutputsOfTheWrongShape() {
    assertThrows(IllegalArgumentException.class,
        () -> BlazeFaceDecoder.decode(new float[10], new float[N * V], 0.5f));
  }
}
