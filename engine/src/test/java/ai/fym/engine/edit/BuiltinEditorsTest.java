package ai.fym.engine.edit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fym.engine.errors.FymException;
import ai.fym.engine.errors.FymException.Reason;
import ai.fym.engine.geom.Box;
import ai.fym.engine.image.ImageCodec;
import ai.fym.engine.image.RgbImage;
import ai.fym.engine.testing.Samples;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The built-in editors on a real portrait: reproducible, visibly jittered from frame to frame but only
 * slightly, a substantial edit, and the picture's structure kept.
 */
class BuiltinEditorsTest {
  private static final long SEED = 42;
  private static final int FRAMES = 8;
  /**
   * Smallest mean change an edit must make, in grey levels: twice the mean error of a lossy H.264 round
   * trip of the same kind of picture (3, see VideoRoundTripTest), so the edit is far above codec noise.
   */
  private static final double MIN_EDIT_STRENGTH = 6;
  /** Largest and smallest mean change between two frames' edits of the same picture, in grey levels. */
  private static final double MAX_JITTER = 8;
  private static final double MIN_MEAN_JITTER = 0.5;
  /** Luma-gradient correlation with the input at a quarter of the size: face contours, eyes, mouth. */
  private static final double MIN_COARSE_STRUCTURE = 0.75;

  private static RgbImage portrait;

  @BeforeAll
  static void readPortrait() throws Exception {
    portrait = ImageCodec.read(Samples.graceHopper());
  }

  static List<String> names() {
    return Editors.builtinNames();
  }

  @Test
  void builtinNamesAreTheThreeEdits() {
    assertEquals(List.of("relight", "grade", "stylize"), Editors.builtinNames());
  }

  @ParameterizedTest
  @MethodSource("names")
  void deterministicAndSafeToShareAcrossThreads(String name) throws Exception {
    FrameEditor editor = Editors.builtin(name, SEED);
    assertEquals(name, editor.name());
    byte[][] sequential = new byte[FRAMES][];
    for (int t = 0; t < FRAMES; t++) {
      sequential[t] = editor.edit(portrait, t).rgb();
    }
    FrameEditor other = Editors.builtin(name, SEED);
    byte[][] parallel = new byte[FRAMES][];
    IntStream.range(0, FRAMES).parallel().forEach(t -> parallel[t] = other.edit(portrait, t).rgb());
    for (int t = 0; t < FRAMES; t++) {
      assertArrayEquals(sequential[t], parallel[t], "frame " + t);
    }
    assertFalse(Arrays.equals(sequential[0], Editors.builtin(name, SEED + 1).edit(portrait, 0).rgb()),
        "another seed jitters differently");
  }

  @ParameterizedTest
  @MethodSource("names")
  void jitterIsVisibleButSmall(String name) throws Exception {
    FrameEditor editor = Editors.builtin(name, SEED);
    RgbImage previous = editor.edit(portrait, 0);
    double sum = 0;
    for (int t = 1; t < FRAMES; t++) {
      RgbImage current = editor.edit(portrait, t);
      double change = ImageStats.meanAbsDiff(previous, current);
      assertTrue(change > 0 && change < MAX_JITTER, name + " frames " + (t - 1) + "-" + t + ": " + change);
      sum += change;
      previous = current;
    }
    double mean = sum / (FRAMES - 1);
    assertTrue(mean > MIN_MEAN_JITTER, name + " mean frame-to-frame change " + mean);
  }

  @ParameterizedTest
  // Relight and grade change tone, not edges; stylize deliberately flattens fine texture (skin, hair),
  // so only its coarse structure is held to the bar and its fine edges to a lower one.
  @CsvSource({"relight, 0.9", "grade, 0.9", "stylize, 0.35"})
  void substantialEditThatKeepsTheFace(String name, double minFineStructure) throws Exception {
    RgbImage edited = Editors.builtin(name, SEED).edit(portrait, 3);
    assertEquals(portrait.width(), edited.width());
    assertEquals(portrait.height(), edited.height());
    double strength = ImageStats.meanAbsDiff(portrait, edited);
    assertTrue(strength > MIN_EDIT_STRENGTH, name + " changed the picture by only " + strength);
    double fine = ImageStats.gradientCorrelation(portrait, edited);
    assertTrue(fine > minFineStructure, name + " fine structure " + fine);
    double coarse = ImageStats.gradientCorrelation(quarter(portrait), quarter(edited));
    assertTrue(coarse > MIN_COARSE_STRUCTURE, name + " coarse structure " + coarse);
  }

  @Test
  void relightBrightensTowardsTheLightAndWarms() throws Exception {
    RgbImage lit = Editors.builtin("relight", SEED).edit(portrait, 0);
    int w = portrait.width();
    int h = portrait.height();
    double upperLeft = meanLumaGain(lit, 0, 0, w / 3, h / 3);
    double lowerRight = meanLumaGain(lit, w - w / 3, h - h / 3, w / 3, h / 3);
    assertTrue(upperLeft > 1.15 * lowerRight, "light from the upper left: " + upperLeft + " vs " + lowerRight);
    assertTrue(channelMean(lit, 0) - channelMean(lit, 2) > channelMean(portrait, 0) - channelMean(portrait, 2),
        "warmer: more red than blue");
  }

  @Test
  void gradePushesShadowsTealAndHighlightsOrange() throws Exception {
    RgbImage black = Editors.builtin("grade", SEED).edit(RgbImage.blank(8, 8), 0);
    assertTrue(black.get(0, 0, 2) > black.get(0, 0, 0), "lifted blacks are blue-green");
    byte[] white = new byte[8 * 8 * 3];
    Arrays.fill(white, (byte) 200);
    RgbImage light = Editors.builtin("grade", SEED).edit(new RgbImage(8, 8, white), 0);
    assertTrue(light.get(0, 0, 0) > light.get(0, 0, 2) + 20, "highlights are orange");
  }

  @Test
  void unknownNameListsTheBuiltins() {
    FymException e = assertThrows(FymException.class, () -> Editors.builtin("sepia", SEED));
    assertEquals(Reason.UNKNOWN_EDIT, e.reason());
    assertTrue(e.getMessage().contains("'sepia'") && e.getMessage().contains("relight, grade, stylize"),
        e.getMessage());
  }

  private static RgbImage quarter(RgbImage image) {
    return image.resample(new Box(0, 0, image.width(), image.height()), image.width() / 4, image.height() / 4);
  }

  private static double meanLumaGain(RgbImage edited, int x0, int y0, int w, int h) {
    double editedSum = 0;
    double sourceSum = 0;
    for (int y = y0; y < y0 + h; y++) {
      for (int x = x0; x < x0 + w; x++) {
        for (int c = 0; c < 3; c++) {
          editedSum += edited.get(x, y, c);
          sourceSum += portrait.get(x, y, c);
        }
      }
    }
    return editedSum / sourceSum;
  }

  private static double channelMean(RgbImage image, int channel) {
    double sum = 0;
    byte[] rgb = image.rgb();
    for (int i = channel; i < rgb.length; i += 3) {
      sum += rgb[i] & 0xff;
    }
    return sum / (rgb.length / 3.0);
  }
}
