package ai.fym.engine.video;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.fym.engine.testing.SyntheticVideos;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Declared frame rates that are zero or absurd fall back to 25 fps; sane odd ones are kept. */
class FrameRateTest {
  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource({"0, 1, 25", "100000, 1, 25", "1, 100, 25", "30000, 1001, 29.97", "12, 1, 12"})
  void declaredRate(int rate, int scale, double expectedFps) throws Exception {
    Path video = dir.resolve("rate.avi");
    SyntheticVideos.aviWithDeclaredRate(video, rate, scale);
    try (VideoReader reader = VideoReader.open(video, VideoLimits.defaults())) {
      VideoInfo info = reader.info();
      System.out.println(rate + "/" + scale + " -> " + info);
      assertEquals(expectedFps, info.fps(), 0.01);
      assertEquals(16, info.frames());
      assertEquals(16 / expectedFps, info.durationSeconds(), 0.05);
      while (reader.next() != null) {
        // every frame still decodes
      }
      assertEquals(16, reader.framesRead());
    }
  }
}
