package ai.fym.engine.video;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.fym.engine.errors.FymException;
import ai.fym.engine.image.RgbImage;
import ai.fym.engine.testing.Samples;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The real Megamind clip: probe facts, full decode with its speed, and the cuts the detector finds. */
class MegamindTest {
  @Test
  void probesAndDecodesEveryFrame() throws FymException {
    VideoInfo info = VideoReader.probe(Samples.megamind(), VideoLimits.defaults());
    assertEquals(720, info.width());
    assertEquals(528, info.height());
    assertEquals("mpeg4", info.codec());
    assertEquals("avi", info.container());
    assertEquals(24, info.fps(), 0.1);
    assertEquals(270, decodeAll());
    long start = System.nanoTime();
    long frames = decodeAll();
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("Megamind: %s, decoded %d frames in %.2f s = %.0f frames/s (second pass)%n", info, frames,
        seconds, frames / seconds);
  }

  /** Decodes the whole clip into RGB images; returns the frame count. */
  private static long decodeAll() throws FymException {
    long frames = 0;
    try (VideoReader reader = VideoReader.open(Samples.megamind(), VideoLimits.defaults())) {
      for (RgbImage f = reader.next(); f != null; f = reader.next()) {
        assertEquals(720 * 528 * 3, f.rgb().length);
        frames++;
      }
      assertEquals(frames, reader.framesRead());
    }
    return frames;
  }

  @Test
  void findsTheShotCuts() throws FymException {
    ShotDetector detector = new ShotDetector();
    List<Long> starts = new ArrayList<>();
    try (VideoReader reader = VideoReader.open(Samples.megamind(), VideoLimits.defaults())) {
      for (RgbImage f = reader.next(); f != null; f = reader.next()) {
        if (detector.observe(f)) {
          starts.add(reader.framesRead() - 1);
        }
      }
    }
    System.out.println("Megamind shot starts: " + starts);
    // Checked by eye on strips of frames around each: 98, 154 and 200 are hard cuts between speakers;
    // frame 0 is black, a lead-in shot of its own. Nothing else in the clip is a cut.
    assertEquals(List.of(0L, 1L, 98L, 154L, 200L), starts);
  }
}
