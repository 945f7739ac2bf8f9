package ai.fym.engine.edit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fym.engine.image.RgbImage;
import ai.fym.engine.testing.Samples;
import ai.fym.engine.video.VideoLimits;
import ai.fym.engine.video.VideoReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Times every built-in editor on real 720x528 frames of the Megamind sample, one thread: the whole
 * 270-frame clip must edit in well under a minute, so no editor may take more than
 * {@value #MAX_MS_PER_FRAME} ms a frame (54 s for the clip, with room for a busy shared machine).
 */
class EditorSpeedTest {
  private static final int FRAMES = 6;
  private static final double MAX_MS_PER_FRAME = 200;

  @Test
  void everyEditorKeepsUpWithTheSampleClip() throws Exception {
    List<RgbImage> frames = new ArrayList<>();
    try (VideoReader reader = VideoReader.open(Samples.megamind(), VideoLimits.defaults())) {
      for (int t = 0; t < FRAMES; t++) {
        frames.add(reader.next());
      }
    }
    for (String name : Editors.builtinNames()) {
      FrameEditor editor = Editors.builtin(name, 1);
      editor.edit(frames.get(0), 0); // warm-up: class loading, OpenCV's first call
      long start = System.nanoTime();
      for (int t = 0; t < FRAMES; t++) {
        editor.edit(frames.get(t), t);
      }
      double msPerFrame = (System.nanoTime() - start) / 1e6 / FRAMES;
      System.out.printf("%s: %.1f ms per %dx%d frame%n", name, msPerFrame, frames.get(0).width(),
          frames.get(0).height());
      assertTrue(msPerFrame < MAX_MS_PER_FRAME, name + " takes " + msPerFrame + " ms per frame");
    }
  }
}
