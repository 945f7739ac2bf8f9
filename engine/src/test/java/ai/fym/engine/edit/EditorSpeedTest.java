package ai.fym.engine.edit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fym.engine.image.RgbImage;
import ai.fym.engine.testing.Samples;
import ai.fym.engine.video.VideoLimits;
import ai.fym.engine.video.VideoReader;
import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Times every built-in editor on real 720x528 frames of the Megamind sample, on one thread: the whole
 * 270-frame clip must edit in well under a minute, so no editor may take more than
 * {@value #MAX_MS_PER_FRAME} ms a frame (54 s for the clip). The bound is on the process's CPU time (all
 * threads, OpenCV's included: the cost on one core), which other processes on a shared test machine do
 * not inflate; wall time is printed beside it.
 */
class EditorSpeedTest {
  private static final int FRAMES = 6;
  private static final double MAX_MS_PER_FRAME = 200;
  private static final OperatingSystemMXBean PROCESS =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

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
      long startCpu = PROCESS.getProcessCpuTime();
      long startWall = System.nanoTime();
      for (int t = 0; t < FRAMES; t++) {
        editor.edit(frames.get(t), t);
      }
      double cpuMs = (PROCESS.getProcessCpuTime() - startCpu) / 1e6 / FRAMES;
      double wallMs = (System.nanoTime() - startWall) / 1e6 / FRAMES;
      System.out.printf("%s: %.1f ms CPU (%.1f ms wall) per %dx%d frame%n", name, cpuMs, wallMs,
          frames.get(0).width(), frames.get(0).height());
      assertTrue(cpuMs < MAX_MS_PER_FRAME, name + " takes " + cpuMs + " ms CPU per frame");
    }
  }
}
