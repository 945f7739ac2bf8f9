package ai.fym.engine.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fym.engine.errors.FymException;
import ai.fym.engine.errors.FymException.Reason;
import ai.fym.engine.testing.SyntheticVideos;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Limits stop oversized input at the probe when the header tells, and mid-decode when it does not. */
class VideoLimitsTest {
  @TempDir Path dir;

  @Test
  void declaredFrameCountOverTheLimitIsRejectedAtOpen() throws Exception {
    Path video = dir.resolve("long.mp4");
    SyntheticVideos.noFace(video, 200, 64, 48);
    FymException e = assertThrows(FymException.class, () -> VideoReader.open(video, limits(1000, 1000, 100)));
    assertEquals(Reason.OVER_LIMITS, e.reason());
    assertTrue(e.getMessage().contains("declared frame count limit: 200 > 100 (raise fym.ingest.maxFrames"),
        e.getMessage());
  }

  @Test
  void undeclaredLengthIsStoppedJustPastTheFrameLimit() throws Exception {
    Path video = dir.resolve("stream.mkv");
    SyntheticVideos.undeclaredLength(video, 200, 64, 48);
    try (VideoReader reader = VideoReader.open(video, limits(1000, 1000, 100))) {
      assertEquals(-1, reader.info().frames(), "the streamed file declares no length: " + reader.info());
      FymException e = assertThrows(FymException.class, () -> {
        while (reader.next() != null) {
          // read until the limit trips
        }
      });
      assertEquals(Reason.OVER_LIMITS, e.reason());
      assertTrue(e.getMessage().contains("fym.ingest.maxFrames"), e.getMessage());
      assertTrue(reader.framesRead() <= 101, "read " + reader.framesRead());
    }
  }

  @Test
  void undeclaredLengthWithinTheLimitReadsToTheEnd() throws Exception {
    Path video = dir.resolve("stream.mkv");
    SyntheticVideos.undeclaredLength(video, 40, 64, 48);
    try (VideoReader reader = VideoReader.open(video, limits(1000, 1000, 100))) {
      while (reader.next() != null) {
        // all of it
      }
      assertEquals(40, reader.framesRead());
    }
  }

  @Test
  void frameWiderThanTheLimitIsRejectedAtOpen() throws Exception {
    Path video = dir.resolve("wide.mp4");
    SyntheticVideos.noFace(video, 5, 640, 480);
    FymException e = assertThrows(FymException.class, () -> VideoReader.open(video, limits(320, 1000, 1000)));
    assertEquals(Reason.OVER_LIMITS, e.reason());
    assertTrue(e.getMessage().contains("frame width limit: 640 > 320 (raise fym.ingest.maxWidth"), e.getMessage());
  }

  @Test
  void durationAndFileSizeLimitsAreChecked() throws Exception {
    Path video = dir.resolve("clip.mp4");
    SyntheticVideos.noFace(video, 50, 64, 48);
    FymException longer = assertThrows(FymException.class,
        () -> VideoReader.probe(video, new VideoLimits(1000, 1000, 1000, 1.0, 1L << 30)));
    assertTrue(longer.getMessage().contains("fym.ingest.maxDurationSeconds"), longer.getMessage());
    FymException bigger = assertThrows(FymException.class,
        () -> VideoReader.probe(video, new VideoLimits(1000, 1000, 1000, 60, 100)));
    assertEquals(Reason.OVER_LIMITS, bigger.reason());
    assertTrue(bigger.getMessage().contains("fym.ingest.maxFileBytes"), bigger.getMessage());
  }

  @Test
  void frameFolderLimits() throws Exception {
    Path folder = dir.resolve("frames");
    SyntheticVideos.frameFolder(folder, 12, 64, 48);
    FymException e = assertThrows(FymException.class, () -> VideoReader.open(folder, limits(1000, 1000, 10)));
    assertEquals(Reason.OVER_LIMITS, e.reason());
    FymException tall = assertThrows(FymException.class, () -> VideoReader.open(folder, limits(1000, 40, 100)));
    assertTrue(tall.getMessage().contains("fym.ingest.maxHeight"), tall.getMessage());
  }

  @Test
  void defaultsAreGenerous() {
    VideoLimits d = VideoLimits.defaults();
    assertEquals(3840, d.maxWidth());
    assertEquals(2160, d.maxHeight());
    assertEquals(100_000, d.maxFrames());
    assertEquals(3600, d.maxDurationSeconds());
    assertEquals(8L << 30, d.maxFileBytes());
  }

  private static VideoLimits limits(int maxWidth, int maxHeight, long maxFrames) {
    return new VideoLimits(maxWidth, maxHeight, maxFrames, 3600, 1L << 30);
  }
}
