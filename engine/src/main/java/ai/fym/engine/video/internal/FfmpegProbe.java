package ai.fym.engine.video.internal;

import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;

import ai.fym.engine.errors.Errors;
import ai.fym.engine.errors.FymException;
import ai.fym.engine.video.VideoInfo;
import java.io.IOException;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Reads a container's header with libavformat (no decoding) and turns what it finds, or why it
 * fails, into a {@link VideoInfo} or a classified {@link FymException}.
 */
public final class FfmpegProbe {
  /** Frame rate used when the stream declares none or an absurd one (outside [1, 480] fps). */
  public static final double DEFAULT_FPS = 25;
  private static final double MIN_FPS = 1;
  private static final double MAX_FPS = 480;
  // POSIX error numbers: libavformat reports them negated (AVERROR(e) = -e).
  private static final int EPERM = 1;
  private static final int ENOENT = 2;
  private static final int EIO = 5;
  private static final int EACCES = 13;

  private FfmpegProbe() {}

  /** The string libavformat opens for a local path (explicit protocol, so ':' in names is safe). */
  public static String url(Path file) {
    return "file:" + file.toAbsolutePath();
  }

  /** Probes a regular, non-empty file. */
  public static VideoInfo probe(Path file, String input) throws FymException {
    FfmpegLog.quiet();
    AVFormatContext fmt = new AVFormatContext(null);
    int ret = avformat_open_input(fmt, url(file), null, null);
    if (ret < 0) {
      throw openFailure(file, input, ret);
    }
    try {
      ret = avformat_find_stream_info(fmt, (PointerPointer<?>) null);
      if (ret < 0) {
        throw Errors.corruptVideo(input, "its stream headers cannot be read (" + FfmpegLog.describe(ret) + ")");
      }
      String container = fmt.iformat().name().getString();
      if (!Containers.isSupported(container)) {
        throw Errors.notAVideo(input, "recognised as '" + container
            + "', which is not a supported video container (" + Containers.SUPPORTED + ")");
      }
      AVStream stream = videoStream(fmt);
      if (stream == null) {
        throw hasStreamOf(fmt, avutil.AVMEDIA_TYPE_AUDIO) || hasStreamOf(fmt, avutil.AVMEDIA_TYPE_SUBTITLE)
            ? Errors.noVideoStream(input)
            : Errors.corruptVideo(input, fmt.nb_streams() == 0 ? "its header describes no stream"
                : "its header describes no usable stream (" + fmt.nb_streams() + " of unknown type)");
      }
      return describe(fmt, stream, container, input);
    } finally {
      avformat_close_input(fmt);
    }
  }

  private static FymException openFailure(Path file, String input, int ret) {
    String why = FfmpegLog.describe(ret);
    if (ret == -EIO || ret == -EACCES || ret == -ENOENT || ret == -EPERM) {
      return Errors.unreadable(input, new IOException("ffmpeg: " + why));
    }
    String signature = Containers.signature(file);
    if (signature != null) {
      return Errors.corruptVideo(input, "it starts like " + signature + " but its header cannot be parsed ("
          + why + "); the file is probably truncated or damaged");
    }
    return Errors.notAVideo(input, "ffmpeg: " + why);
  }

  /** The first real video stream (cover-art pictures attached to audio files do not count). */
  private static AVStream videoStream(AVFormatContext fmt) {
    for (int i = 0; i < fmt.nb_streams(); i++) {
      AVStream s = fmt.streams(i);
      boolean video = s.codecpar().codec_type() == avutil.AVMEDIA_TYPE_VIDEO;
      boolean attachedPicture = (s.disposition() & avformat.AV_DISPOSITION_ATTACHED_PIC) != 0;
      if (video && !attachedPicture) {
        return s;
      }
    }
    return null;
  }

  private static boolean hasStreamOf(AVFormatContext fmt, int mediaType) {
    for (int i = 0; i < fmt.nb_streams(); i++) {
      if (fmt.streams(i).codecpar().codec_type() == mediaType) {
        return true;
      }
    }
    return false;
  }

  private static VideoInfo describe(AVFormatContext fmt, AVStream stream, String container, String input)
      throws FymException {
    AVCodecParameters par = stream.codecpar();
    if (avcodec.avcodec_find_decoder(par.codec_id()) == null) {
      throw Errors.unsupportedCodec(input, codecName(par));
    }
    if (par.width() <= 0 || par.height() <= 0) {
      throw Errors.corruptVideo(input, "its video stream declares no frame size");
    }
    double declared = rate(stream.avg_frame_rate());
    double guessed = rate(stream.r_frame_rate());
    boolean rateValid = sane(declared);
    double fps = rateValid ? declared : sane(guessed) ? guessed : DEFAULT_FPS;
    double duration = -1;
    if (stream.duration() != avutil.AV_NOPTS_VALUE && stream.duration() > 0) {
      duration = stream.duration() * rate(stream.time_base());
    } else if (fmt.duration() != avutil.AV_NOPTS_VALUE && fmt.duration() > 0) {
      duration = fmt.duration() / (double) avutil.AV_TIME_BASE;
    }
    long frames = stream.nb_frames() > 0 ? stream.nb_frames() : duration > 0 ? Math.round(duration * fps) : -1;
    if (frames > 0 && (duration <= 0 || !rateValid)) {
      // A broken rate makes the declared timing meaningless too: time the frames at the fallback rate.
      duration = frames / fps;
    }
    String codec = avcodec.avcodec_get_name(par.codec_id()).getString();
    return new VideoInfo(container, codec, par.width(), par.height(), fps, frames, duration);
  }

  /** The codec's name, or its FourCC tag when FFmpeg does not know the codec at all. */
  private static String codecName(AVCodecParameters par) {
    String name = avcodec.avcodec_get_name(par.codec_id()).getString();
    int tag = par.codec_tag();
    if (!"none".equals(name) || tag == 0) {
      return name;
    }
    StringBuilder fourcc = new StringBuilder();
    for (int i = 0; i < 4; i++) {
      char c = (char) ((tag >>> (8 * i)) & 0xff);
      fourcc.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return fourcc.toString();
  }

  private static boolean sane(double fps) {
    return fps >= MIN_FPS && fps <= MAX_FPS;
  }

  private static double rate(AVRational r) {
    return r.den() == 0 ? 0 : r.num() / (double) r.den();
  }
}
