package ai.fym.engine.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fym.engine.image.ImageCodec;
import ai.fym.engine.image.RgbImage;
import ai.fym.engine.testing.Samples;
import ai.fym.engine.testing.SyntheticVideos;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Cuts in generated videos are found exactly; smooth motion, black frames and fades do not fake them. */
class ShotDetectorTest {
  private static final int FRAMES = 60;
  private static final int WIDTH = 320;
  private static final int HEIGHT = 240;

  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource({"mp4, 320, 240", "mp4, 640, 480", "avi, 320, 240", "webm, 320, 240"})
  void findsTheGeneratedCutExactly(String ext, int width, int height) throws Exception {
    Path video = dir.resolve("cut." + ext);
    SyntheticVideos.movingPortrait(video, FRAMES, width, height, true);
    assertEquals(List.of(0L, (long) FRAMES / 2), shotStarts(video));
  }

  @Test
  void smoothMotionIsOneShot() throws Exception {
    Path portrait = dir.resolve("smooth.mp4");
    SyntheticVideos.movingPortrait(portrait, FRAMES, WIDTH, HEIGHT, false);
    assertEquals(List.of(0L), shotStarts(portrait));
    Path gradients = dir.resolve("gradients.mp4");
    SyntheticVideos.noFace(gradients, FRAMES, WIDTH, HEIGHT);
    assertEquals(List.of(0L), shotStarts(gradients));
  }

  @Test
  void blackLeadInIsAShotOfItsOwn() throws Exception {
    RgbImage portrait = ImageCodec.read(Samples.graceHopper());
    ShotDetector detector = new ShotDetector();
    assertTrue(detector.observe(RgbImage.blank(WIDTH, HEIGHT)));
    assertFalse(detector.observe(RgbImage.blank(WIDTH, HEIGHT)));
    assertTrue(detector.observe(SyntheticVideos.portraitFrame(portrait, 0, 20, WIDTH, HEIGHT, false)));
    for (int t = 1; t < 20; t++) {
      assertFalse(detector.observe(SyntheticVideos.portraitFrame(portrait, t, 20, WIDTH, HEIGHT, false)), "frame " + t);
    }
    assertEquals(1, detector.currentShot());
  }

  @Test
  void cutHiddenByBlackFramesStartsAtTheFirstLitFrame() throws Exception {
    RgbImage portrait = ImageCodec.read(Samples.graceHopper());
    ShotDetector detector = new ShotDetector();
    List<Integer> starts = new ArrayList<>();
    int index = 0;
    for (int t = 0; t < 20; t++) {
      if (detector.observe(SyntheticVideos.portraitFrame(portrait, t, 40, WIDTH, HEIGHT, true))) {
        starts.add(index);
      }
      index++;
    }
    for (int k = 0; k < 3; k++, index++) {
      if (detector.observe(RgbImage.blank(WIDTH, HEIGHT))) {
        starts.add(index);
      }
    }
    for (int t = 20; t < 40; t++, index++) {
      if (detector.observe(SyntheticVideos.portraitFrame(portrait, t, 40, WIDTH, HEIGHT, true))) {
        starts.add(index);
      }
    }
    assertEquals(List.of(0, 23), starts);
    assertEquals(1, detector.currentShot());
  }

  @Test
  void cutsCloserThanTheMinimumShotLengthAreIgnored() throws Exception {
    RgbImage portrait = ImageCodec.read(Samples.graceHopper());
    RgbImage a = SyntheticVideos.portraitFrame(portrait, 0, 2, WIDTH, HEIGHT, true);
    RgbImage b = SyntheticVideos.portraitFrame(portrait, 1, 2, WIDTH, HEIGHT, true);
    ShotDetector detector = new ShotDetector(0.08, 5, 6, 24);
    List<Integer> starts = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      if (detector.observe(i < 3 || (i >= 9 && i < 12) ? a : b)) {
        starts.add(i);
      }
    }
    // a a a b b b b b b a a a b ...: the switch at 3 comes too early, 9 is accepted, 12 is too early again.
    assertEquals(List.of(0, 9), starts);
  }

  @Test
  void rejectsNonsenseSettings() {
    assertThrows(IllegalArgumentException.class, () -> new ShotDetector(0, 5, 6, 24));
    assertThrows(IllegalArgumentException.class, () -> new ShotDetector(0.1, 0.5, 6, 24));
    assertThrows(IllegalArgumentException.class, () -> new ShotDetector(0.1, 5, 0, 24));
  }

  private static List<Long> shotStarts(Path video) throws Exception {
    ShotDetector detector = new ShotDetector();
    List<Long> starts = new ArrayList<>();
    try (VideoReader reader = VideoReader.open(video, VideoLimits.defaults())) {
      for (RgbImage f = reader.next(); f != null; f = reader.next()) {
        if (detector.observe(f)) {
          starts.add(reader.framesRead() - 1);
        }
      }
    }
    return starts;
  }
}
