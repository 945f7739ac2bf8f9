package ai.fym.engine.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.fym.engine.geom.Box;
import ai.fym.engine.image.ImageCodec;
import ai.fym.engine.image.RgbImage;
import ai.fym.engine.testing.Samples;
import ai.fym.engine.testing.SyntheticVideos;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link VideoWriter#openLossless}: what is written reads back bit-exact through {@link VideoReader}. */
class LosslessVideoTest {
  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource({"160, 120", "161, 121"})
  void framesReadBackBitExact(int width, int height) throws Exception {
    RgbImage portrait = ImageCodec.read(Samples.graceHopper());
    List<RgbImage> frames = new ArrayList<>();
    for (int t = 0; t < 6; t++) {
      frames.add(SyntheticVideos.portraitFrame(portrait, t, 6, width, height, false));
    }
    // Independent random bytes per channel: saturated colours and sharp chroma edges that a lossy
    // codec or any YUV round trip would change.
    byte[] noise = new byte[width * height * 3];
    new Random(3).nextBytes(noise);
    frames.add(new RgbImage(width, height, noise));

    Path video = dir.resolve("edited.mkv");
    int encodedWidth = width + (width & 1);
    try (VideoWriter writer = VideoWriter.openLossless(video, width, height, 25)) {
      assertEquals(encodedWidth, writer.encodedWidth());
      assertEquals(height, writer.encodedHeight());
      for (RgbImage frame : frames) {
        writer.write(frame);
      }
    }
    try (VideoReader reader = VideoReader.open(video, VideoLimits.defaults())) {
      assertEquals("ffv1", reader.info().codec());
      assertEquals(encodedWidth, reader.info().width());
      assertEquals(height, reader.info().height());
      assertEquals(frames.size(), reader.info().frames());
      for (int t = 0; t < frames.size(); t++) {
        RgbImage decoded = reader.next();
        // Resampling the written window at its own size copies pixels, dropping the padding column.
        RgbImage written = decoded.resample(new Box(0, 0, width, height), width, height);
        assertArrayEquals(frames.get(t).rgb(), written.rgb(), "frame " + t);
      }
      assertNull(reader.next());
    }
  }

  @Test
  void losslessNeedsAMatroskaName() {
    assertThrows(IllegalArgumentException.class, () -> VideoWriter.openLossless(dir.resolve("e.mp4"), 8, 8, 25));
  }
}
