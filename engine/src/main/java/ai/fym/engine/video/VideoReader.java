package ai.fym.engine.video;

import ai.fym.engine.errors.Errors;
import ai.fym.engine.errors.FymException;
import ai.fym.engine.image.RgbImage;
import ai.fym.engine.video.internal.FfmpegFrames;
import ai.fym.engine.video.internal.FfmpegProbe;
import ai.fym.engine.video.internal.FrameFolder;
import ai.fym.engine.video.internal.FrameSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Decodes a video file (mp4, mov, avi, mkv, webm) or a folder of PNG/JPEG frames into {@link RgbImage}
 * frames at source resolution, in display order. It probes first and enforces {@link VideoLimits}
 * before any decoding, keeps enforcing the frame limit while decoding, and reports every failure as a
 * {@link FymException} with a stable reason, so ingest can quarantine bad input and move on.
 *
 * <p>Frame rates that are missing or outside [1, 480] fps are replaced by 25 fps
 * (variable-rate and damaged files often declare 0 or a time-base rate such as 90000). A stream that ends
 * with fewer than {@value #MIN_DECODED_FRACTION} of its declared frames is reported as truncated.
 */
public final class VideoReader implements AutoCloseable {
  /** Frame rate of a frame folder when the caller gives none. */
  public static final double DEFAULT_FOLDER_FPS = 25;
  /** Decoded / declared frame count below which the stream counts as truncated. */
  public static final double MIN_DECODED_FRACTION = 0.9;

  private final String input;
  private final VideoInfo info;
  private final VideoLimits limits;
  private final FrameSource source;
  private long framesRead;
  private boolean ended;

  private VideoReader(String input, VideoInfo info, VideoLimits limits, FrameSource source) {
    this.input = input;
    this.info = info;
    this.limits = limits;
    this.source = source;
  }

  /** Opens a file, or a frame folder at {@value #DEFAULT_FOLDER_FPS} fps. */
  public static VideoReader open(Path fileOrFrameFolder, VideoLimits limits) throws FymException {
    return open(fileOrFrameFolder, limits, DEFAULT_FOLDER_FPS);
  }

  /** Opens a file, or a frame folder played at {@code folderFps} (ignored for files). */
  public static VideoReader open(Path fileOrFrameFolder, VideoLimits limits, double folderFps)
      throws FymException {
    String input = fileOrFrameFolder.toString();
    if (Files.isDirectory(fileOrFrameFolder)) {
      List<Path> files = FrameFolder.frameFiles(fileOrFrameFolder, input);
      VideoInfo info = probeFolder(files, input, limits, folderFps);
      return new VideoReader(input, info, limits, FrameFolder.open(files, input, info));
    }
    VideoInfo info = probeFile(fileOrFrameFolder, input, limits);
    return new VideoReader(input, info, limits, FfmpegFrames.open(fileOrFrameFolder, input));
  }

  /** Describes a file, or a frame folder at {@value #DEFAULT_FOLDER_FPS} fps, and checks the limits. */
  public static VideoInfo probe(Path fileOrFrameFolder, VideoLimits limits) throws FymException {
    return probe(fileOrFrameFolder, limits, DEFAULT_FOLDER_FPS);
  }

  /** Describes a file, or a frame folder played at {@code folderFps}, and checks the limits. */
  public static VideoInfo probe(Path fileOrFrameFolder, VideoLimits limits, double folderFps)
      throws FymException {
    String input = fileOrFrameFolder.toString();
    if (Files.isDirectory(fileOrFrameFolder)) {
      return probeFolder(FrameFolder.frameFiles(fileOrFrameFolder, input), input, limits, folderFps);
    }
    return probeFile(fileOrFrameFolder, input, limits);
  }

  public VideoInfo info() {
    return info;
  }

  /** Frames returned by {@link #next()} so far. */
  public long framesRead() {
    return framesRead;
  }

  /**
   * The next frame, or null after the last one. Throws {@code OVER_LIMITS} as soon as the frame count
   * passes {@link VideoLimits#maxFrames()}, and {@code TRUNCATED_VIDEO}/{@code CORRUPT_VIDEO} when the
   * stream ends early or cannot be decoded.
   */
  public RgbImage next() throws FymException {
    if (ended) {
      return null;
    }
    RgbImage frame;
    try {
      frame = source.next();
    } catch (FymException e) {
      ended = true;
      throw e;
    }
    if (frame == null) {
      ended = true;
      checkComplete();
      return null;
    }
    framesRead++;
    if (framesRead > limits.maxFrames()) {
      ended = true;
      throw Errors.overLimits(input, "frame count", framesRead, limits.maxFrames(), VideoLimits.KEY_MAX_FRAMES);
    }
    if (frame.width() != info.width() || frame.height() != info.height()) {
      ended = true;
      throw Errors.corruptVideo(input, "frame " + framesRead + " decoded as " + frame.width() + "x"
          + frame.height() + " in a " + info.width() + "x" + info.height() + " stream");
    }
    return frame;
  }

  @Override
  public void close() {
    ended = true;
    source.close();
  }

  private void checkComplete() throws FymException {
    if (framesRead == 0) {
      throw Errors.corruptVideo(input, "not a single frame could be decoded");
    }
    if (info.frames() > 0 && framesRead < MIN_DECODED_FRACTION * info.frames()) {
      throw Errors.truncatedVideo(input, info.frames(), framesRead);
    }
  }

  private static VideoInfo probeFile(Path file, String input, VideoLimits limits) throws FymException {
    long size;
    try {
      size = Files.size(file);
    } catch (IOException e) {
      throw Errors.unreadable(input, e);
    }
    if (size == 0) {
      throw Errors.emptyFile(input);
    }
    if (size > limits.maxFileBytes()) {
      throw Errors.overLimits(input, "file size (bytes)", size, limits.maxFileBytes(), VideoLimits.KEY_MAX_FILE_BYTES);
    }
    VideoInfo info = FfmpegProbe.probe(file, input);
    checkLimits(info, input, limits);
    return info;
  }

  private static VideoInfo probeFolder(List<Path> files, String input, VideoLimits limits, double fps)
      throws FymException {
    if (!(fps > 0 && fps <= 1000)) {
      throw new IllegalArgumentException("frame folder fps must be in (0, 1000], got " + fps);
    }
    long bytes = 0;
    for (Path f : files) {
      try {
        bytes += Files.size(f);
      } catch (IOException e) {
        throw Errors.unreadable(input + "/" + f.getFileName(), e);
      }
    }
    if (bytes > limits.maxFileBytes()) {
      throw Errors.overLimits(input, "total frame size (bytes)", bytes, limits.maxFileBytes(),
          VideoLimits.KEY_MAX_FILE_BYTES);
    }
    if (files.size() > limits.maxFrames()) {
      throw Errors.overLimits(input, "frame count", files.size(), limits.maxFrames(), VideoLimits.KEY_MAX_FRAMES);
    }
    VideoInfo info = FrameFolder.probe(files, input, fps);
    checkLimits(info, input, limits);
    return info;
  }

  private static void checkLimits(VideoInfo info, String input, VideoLimits limits) throws FymException {
    if (info.width() > limits.maxWidth()) {
      throw Errors.overLimits(input, "frame width", info.width(), limits.maxWidth(), VideoLimits.KEY_MAX_WIDTH);
    }
    if (info.height() > limits.maxHeight()) {
      throw Errors.overLimits(input, "frame height", info.height(), limits.maxHeight(), VideoLimits.KEY_MAX_HEIGHT);
    }
    if (info.frames() > limits.maxFrames()) {
      throw Errors.overLimits(input, "declared frame count", info.frames(), limits.maxFrames(),
          VideoLimits.KEY_MAX_FRAMES);
    }
    if (info.durationSeconds() > limits.maxDurationSeconds()) {
      throw Errors.overLimits(input, "duration (s)", String.format("%.1f", info.durationSeconds()),
          limits.maxDurationSeconds(), VideoLimits.KEY_MAX_DURATION_SECONDS);
    }
  }
}
