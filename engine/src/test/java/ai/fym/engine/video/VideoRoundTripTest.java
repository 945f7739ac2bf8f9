package ai.fym.engine.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fym.engine.errors.FymException;
import ai.fym.engine.image.ImageCodec;
import ai.fym.engine.image.RgbImage;
import ai.fym.engine.testing.Samples;
import ai.fym.engine.testing.SyntheticVideos;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Writes the moving portrait in every supported format and reads it back: size, count, rate, pixels. */
class VideoRoundTripTest {
  private static final int FRAMES = 30;
  private static final int WIDTH = 320;
  private static final int HEIGHT = 240;

  @TempDir Path dir;

  @ParameterizedTest
  // About 2 of the error is 4:2:0 chroma subsampling of the portrait's sharp colour edges, whatever the codec.
  @CsvSource({"mp4, h264, 3", "mov, h264, 3", "mkv, h264, 3", "avi, mpeg4, 3", "webm, vp8, 3.5"})
  void containerRoundTrip(String ext, String codec, double maxMeanAbsDiff) throws Exception {
    Path video = dir.resolve("portrait." + ext);
    SyntheticVideos.movingPortrait(video, FRAMES, WIDTH, HEIGHT, false);
    VideoInfo info = readBackAndCompare(video, maxMeanAbsDiff);
    assertEquals(codec, info.codec());
  }

  @Test
  void frameFolderRoundTripIsLosslessAndInNaturalOrder() throws Exception {
    Path folder = dir.resolve("frames");
    SyntheticVideos.frameFolder(folder, FRAMES, WIDTH, HEIGHT);
    VideoInfo info = readBackAndCompare(folder, 0);
    assertEquals("frames", info.container());
    assertEquals("png", info.codec());
  }

  @Test
  void frameFolderUsesTheGivenRate() throws Exception {
    Path folder = dir.resolve("frames");
    SyntheticVideos.frameFolder(folder, 5, 64, 48);
    VideoInfo info = VideoReader.probe(folder, VideoLimits.defaults(), 12.5);
    assertEquals(12.5, info.fps());
    assertEquals(0.4, info.durationSeconds(), 1e-9);
  }

  @Test
  void mp4KeepsAFilmFrameRate() throws Exception {
    Path video = dir.resolve("film.mp4");
    try (VideoWriter writer = VideoWriter.open(video, 64, 48, 24000 / 1001.0)) {
      for (int i = 0; i < 48; i++) {
        writer.write(RgbImage.blank(64, 48));
      }
      assertEquals(48, writer.framesWritten());
    }
    try (VideoReader reader = VideoReader.open(video, VideoLimits.defaults())) {
      assertEquals(23.976, reader.info().fps(), 0.001);
      assertEquals(48, reader.info().frames());
      assertEquals(2.002, reader.info().durationSeconds(), 0.01);
    }
  }

  @Test
  void writerRejectsUnknownExtensionsAndWrongFrameSizes() throws Exception {
    assertThrows(IllegalArgumentException.class, () -> VideoWriter.open(dir.resolve("clip.gif"), 64, 48, 25));
    try (VideoWriter writer = VideoWriter.open(dir.resolve("clip.mp4"), 64, 48, 25)) {
      writer.write(RgbImage.blank(64, 48));
      assertThrows(IllegalArgumentException.class, () -> writer.write(RgbImage.blank(48, 64)));
    }
  }

  @Test
  void oddSizesArePaddedByOneReplicatedPixel() throws Exception {
    Path video = dir.resolve("odd.mp4");
    RgbImage portrait = ImageCodec.read(Samples.graceHopper());
    RgbImage frame = SyntheticVideos.portraitFrame(portrait, 0, 1, 161, 121, false);
    try (VideoWriter writer = VideoWriter.open(video, 161, 121, 25)) {
      assertEquals(162, writer.encodedWidth());
      assertEquals(122, writer.encodedHeight());
      for (int i = 0; i < 5; i++) {
        writer.write(frame);
      }
    }
    try (VideoReader reader = VideoReader.open(video, VideoLimits.defaults())) {
      RgbImage decoded = reader.next();
      assertEquals(162, decoded.width());
      double diff = meanAbsDiff(frame, decoded);
      assertTrue(diff < 3, "mean abs diff " + diff);
      for (int y = 0; y < 121; y += 20) {
        assertEquals(decoded.get(160, y, 1), decoded.get(161, y, 1), 12, "padded column repeats the last one");
      }
    }
  }

  private VideoInfo readBackAndCompare(Path video, double maxMeanAbsDiff) throws IOException, FymException {
    RgbImage portrait = ImageCodec.read(Samples.graceHopper());
    try (VideoReader reader = VideoReader.open(video, VideoLimits.defaults())) {
      VideoInfo info = reader.info();
      assertEquals(WIDTH, info.width());
      assertEquals(HEIGHT, info.height());
      assertEquals(SyntheticVideos.FPS, info.fps(), 0.01);
      assertEquals(FRAMES, info.frames(), 1, "declared frames of " + info);
      double worst = 0;
      for (int t = 0; t < FRAMES; t++) {
        RgbImage decoded = reader.next();
        RgbImage expected = SyntheticVideos.portraitFrame(portrait, t, FRAMES, WIDTH, HEIGHT, false);
        worst = Math.max(worst, meanAbsDiff(expected, decoded));
      }
      assertNull(reader.next(), "no frame after the last");
      assertEquals(FRAMES, reader.framesRead());
      System.out.printf("round trip %s: %s, worst mean abs diff %.2f%n", video.getFileName(), info, worst);
      assertTrue(worst <= maxMeanAbsDiff, "worst frame differs by " + worst);
      return info;
    }
  }

  /** Mean absolute channel difference over the first image's area. */
  static double meanAbsDiff(RgbImage expected, RgbImage actual) {
    long sum = 0;
    for (int y = 0; y < expected.height(); y++) {
      for (int x = 0; x < expected.width(); x++) {
        for (int c = 0; c < 3; c++) {
          sum += Math.abs(expected.get(x, y, c) - actual.get(x, y, c));
        }
      }
    }
    return sum / (3.0 * expected.width() * expected.height());
  }
}
