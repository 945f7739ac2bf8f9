package ai.fym.engine.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fym.engine.errors.FymException;
import ai.fym.engine.errors.FymException.Reason;
import ai.fym.engine.image.ImageCodec;
import ai.fym.engine.image.RgbImage;
import ai.fym.engine.testing.Samples;
import ai.fym.engine.testing.SyntheticVideos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of bad input ends in its reason code with a readable message, never a hang or a crash. */
class BadInputTest {
  @TempDir Path dir;

  @Test
  void zeroByteFileIsEmpty() throws Exception {
    Path f = dir.resolve("empty.mp4");
    SyntheticVideos.zeroByte(f);
    expect(f, Reason.EMPTY_FILE, "empty file");
  }

  @Test
  void textNamedMp4IsNotAVideo() throws Exception {
    Path f = dir.resolve("notes.mp4");
    SyntheticVideos.textWithVideoExtension(f);
    expect(f, Reason.NOT_A_VIDEO, "not a video");
  }

  @Test
  void randomBytesAreNotAVideo() throws Exception {
    Path f = dir.resolve("noise.mkv");
    byte[] noise = new byte[200_000];
    new Random(7).nextBytes(noise);
    Files.write(f, noise);
    expect(f, Reason.NOT_A_VIDEO, "not a video");
  }

  @Test
  void imageRenamedToVideoIsNotAVideo() throws Exception {
    Path f = dir.resolve("photo.mp4");
    Files.copy(Samples.graceHopper(), f);
    expect(f, Reason.NOT_A_VIDEO, "not a supported video container");
  }

  @Test
  void audioOnlyFileHasNoVideoStream() throws Exception {
    Path f = dir.resolve("voice.m4a");
    SyntheticVideos.audioOnly(f);
    expect(f, Reason.NO_VIDEO_STREAM, "has no video stream");
  }

  @Test
  void unknownFourccIsAnUnsupportedCodec() throws Exception {
    Path f = dir.resolve("zzzz.avi");
    SyntheticVideos.unsupportedCodec(f);
    expect(f, Reason.UNSUPPORTED_CODEC, "'ZZZZ'");
  }

  @Test
  void truncatedAviIsTruncated() throws Exception {
    Path good = dir.resolve("good.avi");
    SyntheticVideos.movingPortrait(good, 60, 320, 240, false);
    Path cut = dir.resolve("cut.avi");
    SyntheticVideos.truncated(good, cut);
    expect(cut, Reason.TRUNCATED_VIDEO, "declares 60 frames");
  }

  @Test
  void truncatedMp4IsTruncated() throws Exception {
    Path good = dir.resolve("good.mp4");
    SyntheticVideos.movingPortrait(good, 60, 320, 240, false);
    Path cut = dir.resolve("cut.mp4");
    SyntheticVideos.truncated(good, cut);
    // The writer puts the mp4 index first, so the header survives and counts 60 frames.
    expect(cut, Reason.TRUNCATED_VIDEO, "declares 60 frames");
  }

  @Test
  void truncatedMkvIsTruncated() throws Exception {
    Path good = dir.resolve("good.mkv");
    SyntheticVideos.movingPortrait(good, 60, 320, 240, false);
    Path cut = dir.resolve("cut.mkv");
    SyntheticVideos.truncated(good, cut);
    expect(cut, Reason.TRUNCATED_VIDEO, "truncated");
  }

  @Test
  void bitFlippedHeadersAreCorruptOrNotAVideo() throws Exception {
    for (String ext : new String[] {"mp4", "avi", "mkv", "webm"}) {
      Path good = dir.resolve("good." + ext);
      SyntheticVideos.movingPortrait(good, 30, 160, 120, false);
      for (long seed = 1; seed <= 10; seed++) {
        Path bad = dir.resolve("flipped" + seed + "." + ext);
        SyntheticVideos.bitFlipped(good, bad, seed);
        FymException e = failure(bad);
        System.out.println("bit-flipped " + ext + " seed " + seed + ": " + e.reason() + ": " + e.getMessage());
        assertTrue(Set.of(Reason.CORRUPT_VIDEO, Reason.NOT_A_VIDEO).contains(e.reason()), e.getMessage());
      }
    }
  }

  @Test
  void garbageMidStreamEndsPromptlyAsDamageOrWithFewerFrames() throws Exception {
    for (String ext : new String[] {"mp4", "avi", "mkv", "webm"}) {
      Path good = dir.resolve("good." + ext);
      SyntheticVideos.movingPortrait(good, 60, 160, 120, false);
      Path bad = dir.resolve("garbled." + ext);
      SyntheticVideos.garbledMiddle(good, bad, 3);
      assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
        try (VideoReader reader = VideoReader.open(bad, VideoLimits.defaults())) {
          while (reader.next() != null) {
            // the decoder conceals what it can
          }
          System.out.println("garbled " + ext + ": decoded " + reader.framesRead() + " of 60 frames");
          assertTrue(reader.framesRead() <= 60);
        } catch (FymException e) {
          System.out.println("garbled " + ext + ": " + e.reason() + ": " + e.getMessage());
          assertTrue(Set.of(Reason.CORRUPT_VIDEO, Reason.TRUNCATED_VIDEO).contains(e.reason()), e.getMessage());
        }
      });
    }
  }

  @Test
  void frameFolderWithMixedSizesIsRejectedAtTheOddFrame() throws Exception {
    Path folder = dir.resolve("frames");
    SyntheticVideos.frameFolder(folder, 3, 64, 48);
    Files.write(folder.resolve("frame_4.png"), ImageCodec.encodePng(RgbImage.blank(32, 48)));
    try (VideoReader reader = VideoReader.open(folder, VideoLimits.defaults())) {
      for (int i = 0; i < 3; i++) {
        reader.next();
      }
      FymException e = assertThrows(FymException.class, reader::next);
      assertEquals(Reason.CORRUPT_VIDEO, e.reason());
      assertTrue(e.getMessage().contains("frame_4.png is 32x48 but the first frame is 64x48"), e.getMessage());
    }
  }

  @Test
  void emptyFolderIsNotAVideo() throws Exception {
    Path folder = Files.createDirectory(dir.resolve("nothing"));
    expect(folder, Reason.NOT_A_VIDEO, "no .png, .jpg or .jpeg frames");
  }

  @Test
  void missingFileIsUnreadable() {
    expect(dir.resolve("absent.mp4"), Reason.UNREADABLE, "cannot read");
  }

  private static void expect(Path input, Reason reason, String messagePart) {
    FymException e = failure(input);
    System.out.println(input.getFileName() + ": " + e.reason() + ": " + e.getMessage());
    assertEquals(reason, e.reason(), e.getMessage());
    assertTrue(e.getMessage().contains(messagePart), e.getMessage());
    assertTrue(e.getMessage().contains(input.toString()), "message names the input: " + e.getMessage());
  }

  /** Opens and decodes everything; returns the failure, wherever it happens. */
  private static FymException failure(Path input) {
    return assertThrows(FymException.class, () -> {
      try (VideoReader reader = VideoReader.open(input, VideoLimits.defaults())) {
        while (reader.next() != null) {
          // decode to the end: damage may only show mid-stream
        }
      }
    });
  }
}
