package ai.fym.engine.video;

import ai.fym.engine.image.RgbImage;
import ai.fym.engine.video.internal.FfmpegLog;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Locale;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swscale;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameRecorder;

/**
 * Encodes {@link RgbImage} frames into a video file, choosing the codec from the extension:
 * <ul>
 *   <li>.mp4, .mov, .mkv: H.264 (libx264, yuv420p, crf 18, preset fast), visually lossless and the format
 *       later stages deliver; mp4/mov put their index first ("faststart") so players can stream them;
 *   <li>.avi: MPEG-4 Part 2 at quantiser 2;
 *   <li>.webm: VP8.
 * </ul>
 * 4:2:0 chroma needs even sizes, so an odd width or height is padded by one replicated column/row
 * (see {@link #encodedWidth()}, {@link #encodedHeight()}).
 *
 * <p>{@link #openLossless} instead writes FFV1 in Matroska with 8-bit RGB pixels (no colour conversion,
 * no chroma subsampling), for frames that must read back bit-exact, such as stored edits.
 */
public final class VideoWriter implements AutoCloseable {
  private final FFmpegFrameRecorder recorder;
  private final Path out;
  private final int width;
  private final int height;
  private final int encodedWidth;
  private final int encodedHeight;
  private final Frame frame;
  private long framesWritten;

  private VideoWriter(FFmpegFrameRecorder recorder, Path out, int width, int height, int encodedWidth,
      int encodedHeight) {
    this.recorder = recorder;
    this.out = out;
    this.width = width;
    this.height = height;
    this.encodedWidth = encodedWidth;
    this.encodedHeight = encodedHeight;
    this.frame = new Frame(encodedWidth, encodedHeight, Frame.DEPTH_UBYTE, 3, encodedWidth * 3);
  }

  /** Creates (or replaces) {@code out}; frames written must be {@code width x height}. */
  public static VideoWriter open(Path out, int width, int height, double fps) throws IOException {
    if (width <= 0 || height <= 0 || !(fps > 0 && fps <= 1000)) {
      throw new IllegalArgumentException("cannot write a " + width + "x" + height + " video at " + fps + " fps");
    }
    FfmpegLog.quiet();
    String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
    String ext = name.substring(name.lastIndexOf('.') + 1);
    int encodedWidth = width + (width & 1);
    int encodedHeight = height + (height & 1);
    FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(out.toAbsolutePath().toString(), encodedWidth,
        encodedHeight, 0);
    recorder.setFrameRate(fps);
    recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
    recorder.setImageScalingFlags(swscale.SWS_BICUBIC | swscale.SWS_ACCURATE_RND | swscale.SWS_FULL_CHR_H_INP);
    recorder.setGopSize(Math.max(1, (int) Math.round(fps * 2)));
    switch (ext) {
      case "mp4", "mov", "mkv" -> {
        recorder.setFormat(ext.equals("mkv") ? "matroska" : ext);
        recorder.setVideoCodecName("libx264");
        recorder.setVideoOption("crf", "18");
        recorder.setVideoOption("preset", "fast");
        if (!ext.equals("mkv")) {
          recorder.setOption("movflags", "+faststart");
        }
      }
      case "avi" -> {
        recorder.setFormat("avi");
        recorder.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
        recorder.setVideoQuality(2);
      }
      case "webm" -> {
        recorder.setFormat("webm");
        recorder.setVideoCodec(avcodec.AV_CODEC_ID_VP8);
        recorder.setVideoBitrate((int) Math.min(Integer.MAX_VALUE, 8L * encodedWidth * encodedHeight * fps / 3));
        recorder.setVideoOption("crf", "6");
        recorder.setVideoOption("deadline", "realtime");
        recorder.setVideoOption("cpu-used", "8");
      }
      default -> throw new IllegalArgumentException("cannot choose a codec for " + out.getFileName()
          + ": use .mp4, .mov, .mkv, .avi or .webm");
    }
    start(recorder, out);
    return new VideoWriter(recorder, out, width, height, encodedWidth, encodedHeight);
  }

  /**
   * Creates (or replaces) the Matroska file {@code out} (it must end in .mkv) holding lossless FFV1
   * video in 8-bit RGB (BGR0): {@link VideoReader} reads back exactly the bytes written. JavaCV's
   * recorder only takes even widths, so an odd width gets one replicated column, as in {@link #open};
   * the height is kept.
   */
  public static VideoWriter openLossless(Path out, int width, int height, double fps) throws IOException {
    if (width <= 0 || height <= 0 || !(fps > 0 && fps <= 1000)) {
      throw new IllegalArgumentException("cannot write a " + width + "x" + height + " video at " + fps + " fps");
    }
    if (!out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".mkv")) {
      throw new IllegalArgumentException("a lossless video is written as Matroska: name it .mkv, not "
          + out.getFileName());
    }
    FfmpegLog.quiet();
    int encodedWidth = width + (width & 1);
    FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(out.toAbsolutePath().toString(), encodedWidth, height, 0);
    recorder.setFormat("matroska");
    recorder.setFrameRate(fps);
    recorder.setVideoCodec(avcodec.AV_CODEC_ID_FFV1);
    // BGR0 holds RGB24's bytes rearranged (plus a padding byte), so neither direction of the
    // conversion rounds anything; FFV1 codes it losslessly as RGB.
    recorder.setPixelFormat(avutil.AV_PIX_FMT_BGR0);
    recorder.setGopSize(1);
    start(recorder, out);
    return new VideoWriter(recorder, out, width, height, encodedWidth, height);
  }

  public int encodedWidth() {
    return encodedWidth;
  }

  public int encodedHeight() {
    return encodedHeight;
  }

  public long framesWritten() {
    return framesWritten;
  }

  /** Appends one frame. */
  public void write(RgbImage image) throws IOException {
    if (image.width() != width || image.height() != height) {
      throw new IllegalArgumentException("frame is " + image.width() + "x" + image.height() + ", the video "
          + out.getFileName() + " is " + width + "x" + height);
    }
    ByteBuffer buf = (ByteBuffer) frame.image[0];
    int stride = frame.imageStride;
    byte[] src = image.rgb();
    for (int y = 0; y < encodedHeight; y++) {
      int sy = Math.min(y, height - 1);
      buf.put(y * stride, src, sy * width * 3, width * 3);
      if (encodedWidth > width) {
        buf.put(y * stride + width * 3, src, (sy * width + width - 1) * 3, 3);
      }
    }
    try {
      recorder.record(frame, avutil.AV_PIX_FMT_RGB24);
    } catch (FrameRecorder.Exception e) {
      throw new IOException("cannot encode frame " + framesWritten + " of " + out + ": " + e.getMessage(), e);
    }
    framesWritten++;
  }

  /** Flushes the encoder and finishes the container (index, duration). */
  @Override
  public void close() throws IOException {
    try {
      recorder.close();
    } catch (FrameRecorder.Exception e) {
      throw new IOException("cannot finish " + out + ": " + e.getMessage(), e);
    } finally {
      frame.close();
    }
  }

  private static void start(FFmpegFrameRecorder recorder, Path out) throws IOException {
    try {
      recorder.start();
    } catch (FrameRecorder.Exception e) {
      release(recorder);
      throw new IOException("cannot start writing " + out + ": " + e.getMessage(), e);
    }
  }

  private static void release(FFmpegFrameRecorder recorder) {
    try {
      recorder.release();
    } catch (FrameRecorder.Exception e) {
      // Only native memory is at stake; the start failure is what the caller must see.
    }
  }
}
