package ai.fym.engine.video.internal;

import ai.fym.engine.errors.Errors;
import ai.fym.engine.errors.FymException;
import ai.fym.engine.image.RgbImage;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swscale;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/**
 * Decodes a container's video stream with JavaCV's {@link FFmpegFrameGrabber}, converting straight to
 * packed RGB24 in libswscale; audio packets are skipped undecoded. A run of failed grabs is capped so
 * garbage input ends in {@code CORRUPT_VIDEO} instead of looping.
 */
public final class FfmpegFrames implements FrameSource {
  /** Consecutive failed grabs after which the stream is declared damaged. */
  private static final int MAX_CONSECUTIVE_FAILURES = 16;

  private final FFmpegFrameGrabber grabber;
  private final String input;
  private long decoded;

  private FfmpegFrames(FFmpegFrameGrabber grabber, String input) {
    this.grabber = grabber;
    this.input = input;
  }

  /** Starts the decoder on a file that {@link FfmpegProbe} accepted. */
  public static FfmpegFrames open(Path file, String input) throws FymException {
    FfmpegLog.quiet();
    FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(FfmpegProbe.url(file));
    grabber.setPixelFormat(avutil.AV_PIX_FMT_RGB24);
    // Full-resolution chroma interpolation and exact rounding: half the conversion speed (still ~450
    // Megamind frames/s on one core) for a third less colour error against the source pixels.
    grabber.setImageScalingFlags(swscale.SWS_BILINEAR | swscale.SWS_ACCURATE_RND | swscale.SWS_FULL_CHR_H_INT);
    try {
      grabber.start();
    } catch (FrameGrabber.Exception | RuntimeException e) {
      release(grabber);
      throw Errors.corruptVideo(input, "the decoder cannot start (" + e.getMessage() + ")");
    }
    return new FfmpegFrames(grabber, input);
  }

  @Override
  public RgbImage next() throws FymException {
    int failures = 0;
    while (true) {
      try {
        Frame frame = grabber.grabImage();
        if (frame == null) {
          return null;
        }
        decoded++;
        return toRgb(frame);
      } catch (FrameGrabber.Exception | RuntimeException e) {
        if (++failures >= MAX_CONSECUTIVE_FAILURES) {
          throw Errors.corruptVideo(input, "decoding failed " + failures + " times in a row after frame "
              + decoded + " (" + e.getMessage() + ")");
        }
      }
    }
  }

  private RgbImage toRgb(Frame frame) throws FymException {
    if (frame.imageChannels != 3 || frame.image == null || !(frame.image[0] instanceof ByteBuffer buf)) {
      throw Errors.corruptVideo(input, "frame " + decoded + " did not convert to 8-bit RGB");
    }
    int w = frame.imageWidth;
    int h = frame.imageHeight;
    int rowBytes = w * 3;
    byte[] rgb = new byte[rowBytes * h];
    for (int y = 0; y < h; y++) {
      buf.get(y * frame.imageStride, rgb, y * rowBytes, rowBytes);
    }
    return new RgbImage(w, h, rgb);
  }

  @Override
  public void close() {
    release(grabber);
  }

  private static void release(FFmpegFrameGrabber grabber) {
    try {
      grabber.close();
    } catch (FrameGrabber.Exception | RuntimeException e) {
      // Closing frees native memory only; a failure here leaves nothing the caller could act on.
    }
  }
}
