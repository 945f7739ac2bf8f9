package ai.fym.engine.edit;

import ai.fym.engine.errors.Errors;
import ai.fym.engine.errors.FymException;
import ai.fym.engine.image.RgbImage;
import ai.fym.engine.video.VideoInfo;
import ai.fym.engine.video.VideoLimits;
import ai.fym.engine.video.VideoReader;
import java.nio.file.Path;

/**
 * A user's edited video (or frame folder), read frame by frame in step with its source clip. An edit
 * must be the source frame for frame: same size, same frame count. Both are checked on the probe,
 * before anything is decoded, and the count again while reading (containers that declare no length,
 * or an estimated one, are only found out at their end), so a mismatched edit fails with
 * {@code EDIT_MISMATCH} and the numbers instead of a misaligned result.
 */
public final class ExternalEdit implements AutoCloseable {
  /**
   * How far a declared frame count may be off before the edit is rejected unread: containers without
   * a frame count (Matroska, WebM) declare a duration, and the count estimated from it can miss by one.
   */
  private static final long ESTIMATED_COUNT_SLACK = 1;

  private final VideoReader reader;
  private final String editedName;
  private final String sourceName;
  private final long sourceFrames;
  private long framesRead;
  private boolean ended;

  private ExternalEdit(VideoReader reader, String editedName, String sourceName, long sourceFrames) {
    this.reader = reader;
    this.editedName = editedName;
    this.sourceName = sourceName;
    this.sourceFrames = sourceFrames;
  }

  /**
   * Opens {@code edited} (a file, or a frame folder played at {@code folderFps}) as the edit of the clip
   * described by {@code source}. The names are what messages call the two videos. When the source's
   * frame count is unknown ({@code source.frames() < 0}), only the frame size can be checked.
   */
  public static ExternalEdit open(Path edited, String editedName, VideoInfo source, String sourceName,
      VideoLimits limits, double folderFps) throws FymException {
    VideoReader reader = VideoReader.open(edited, limits, folderFps);
    try {
      VideoInfo info = reader.info();
      if (info.width() != source.width() || info.height() != source.height()) {
        throw Errors.editMismatch(editedName, sourceName, "the frame size", source.width() + "x" + source.height(),
            info.width() + "x" + info.height());
      }
      if (source.frames() >= 0 && info.frames() >= 0
          && Math.abs(info.frames() - source.frames()) > ESTIMATED_COUNT_SLACK) {
        throw Errors.editMismatch(editedName, sourceName, "the frame count", source.frames(), info.frames());
      }
    } catch (FymException e) {
      reader.close();
      throw e;
    }
    return new ExternalEdit(reader, editedName, sourceName, source.frames());
  }

  /** What the probe learnt about the edited video. */
  public VideoInfo info() {
    return reader.info();
  }

  /** Frames returned by {@link #next()} so far. */
  public long framesRead() {
    return framesRead;
  }

  /**
   * The next edited frame, or null after the last one. Throws {@code EDIT_MISMATCH} as soon as the edit
   * runs past the source's last frame, or at its end when it ends early; the reader's own failures
   * (damaged, truncated, over limits) pass through.
   */
  public RgbImage next() throws FymException {
    if (ended) {
      return null;
    }
    RgbImage frame;
    try {
      frame = reader.next();
    } catch (FymException e) {
      ended = true;
      throw e;
    }
    if (frame == null) {
      ended = true;
      if (sourceFrames >= 0 && framesRead != sourceFrames) {
        throw Errors.editMismatch(editedName, sourceName, "the frame count", sourceFrames, framesRead);
      }
      return null;
    }
    framesRead++;
    if (sourceFrames >= 0 && framesRead > sourceFrames) {
      ended = true;
      throw Errors.editMismatch(editedName, sourceName, "the frame count", sourceFrames, "more than " + sourceFrames);
    }
    return frame;
  }

  @Override
  public void close() {
    ended = true;
    reader.close();
  }
}
