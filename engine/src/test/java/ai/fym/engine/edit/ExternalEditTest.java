package ai.fym.engine.edit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fym.engine.errors.FymException;
import ai.fym.engine.errors.FymException.Reason;
import ai.fym.engine.image.ImageCodec;
import ai.fym.engine.image.RgbImage;
import ai.fym.engine.testing.Samples;
import ai.fym.engine.testing.SyntheticVideos;
import ai.fym.engine.video.VideoInfo;
import ai.fym.engine.video.VideoLimits;
import ai.fym.engine.video.VideoReader;
import ai.fym.engine.video.VideoWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An external edit is accepted only when it matches its source frame for frame. */
class ExternalEditTest {
  private static final int FRAMES = 12;
  private static final int WIDTH = 160;
  private static final int HEIGHT = 120;
  private static final double FOLDER_FPS = 25;

  @TempDir Path dir;
  private VideoInfo source;

  @BeforeEach
  void writeSource() throws Exception {
    Path clip = dir.resolve("source.mp4");
    SyntheticVideos.movingPortrait(clip, FRAMES, WIDTH, HEIGHT, false);
    source = VideoReader.probe(clip, VideoLimits.defaults());
    assertEquals(FRAMES, source.frames());
  }

  @Test
  void matchingLosslessEditReadsBackEveryFrameExactly() throws Exception {
    Path edited = dir.resolve("graded.mkv");
    FrameEditor grade = Editors.builtin("grade", 1);
    RgbImage portrait = ImageCodec.read(Samples.graceHopper());
    RgbImage[] written = new RgbImage[FRAMES];
    try (VideoWriter writer = VideoWriter.openLossless(edited, WIDTH, HEIGHT, SyntheticVideos.FPS)) {
      for (int t = 0; t < FRAMES; t++) {
        written[t] = grade.edit(SyntheticVideos.portraitFrame(portrait, t, FRAMES, WIDTH, HEIGHT, false), t);
        writer.write(written[t]);
      }
    }
    try (ExternalEdit edit = open(edited)) {
      for (int t = 0; t < FRAMES; t++) {
        assertEquals(0, ImageStats.meanAbsDiff(written[t], edit.next()), "frame " + t);
      }
      assertNull(edit.next());
      assertEquals(FRAMES, edit.framesRead());
    }
  }

  @Test
  void frameFolderIsAnEdit() throws Exception {
    Path folder = dir.resolve("edited_frames");
    SyntheticVideos.frameFolder(folder, FRAMES, WIDTH, HEIGHT);
    try (ExternalEdit edit = open(folder)) {
      assertEquals("frames", edit.info().container());
      int frames = 0;
      while (edit.next() != null) {
        frames++;
      }
      assertEquals(FRAMES, frames);
    }
  }

  @Test
  void otherSizeFailsAtOpenNamingBothSizes() throws Exception {
    Path edited = dir.resolve("small.mp4");
    SyntheticVideos.movingPortrait(edited, FRAMES, 128, 96, false);
    String message = mismatch(() -> open(edited).close());
    assertTrue(message.contains("160x120") && message.contains("128x96"), message);
  }

  @Test
  void fewerDeclaredFramesFailAtOpenNamingBothCounts() throws Exception {
    Path edited = dir.resolve("short.mp4");
    SyntheticVideos.movingPortrait(edited, 8, WIDTH, HEIGHT, false);
    String message = mismatch(() -> open(edited).close());
    assertTrue(message.contains("is 8 but the source has 12"), message);
  }

  @Test
  void undeclaredShortEditFailsAtItsEnd() throws Exception {
    Path edited = dir.resolve("streamed.mkv");
    SyntheticVideos.undeclaredLength(edited, 8, WIDTH, HEIGHT);
    try (ExternalEdit edit = open(edited)) {
      assertEquals(-1, edit.info().frames());
      for (int t = 0; t < 8; t++) {
        assertNotNull(edit.next());
      }
      String message = mismatch(edit::next);
      assertTrue(message.contains("is 8 but the source has 12"), message);
      assertNull(edit.next());
    }
  }

  @Test
  void undeclaredLongEditFailsOnTheFirstExtraFrame() throws Exception {
    Path edited = dir.resolve("streamed.mkv");
    SyntheticVideos.undeclaredLength(edited, 15, WIDTH, HEIGHT);
    try (ExternalEdit edit = open(edited)) {
      for (int t = 0; t < FRAMES; t++) {
        assertNotNull(edit.next());
      }
      String message = mismatch(edit::next);
      assertTrue(message.contains("is more than 12 but the source has 12"), message);
    }
  }

  private ExternalEdit open(Path edited) throws FymException {
    return ExternalEdit.open(edited, edited.getFileName().toString(), source, "source.mp4", VideoLimits.defaults(),
        FOLDER_FPS);
  }

  private static String mismatch(org.junit.jupiter.api.function.Executable action) {
    FymException e = assertThrows(FymException.class, action);
    assertEquals(Reason.EDIT_MISMATCH, e.reason());
    return e.getMessage();
  }
}
