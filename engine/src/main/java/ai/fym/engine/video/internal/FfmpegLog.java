package ai.fym.engine.video.internal;

import java.nio.charset.StandardCharsets;
import org.bytedeco.ffmpeg.global.avutil;

/**
 * FFmpeg's own logging and error strings. Decoding damaged input makes libav* print hundreds of
 * lines to stderr; the reader reports failures as classified exceptions instead, so only fatal
 * messages are kept.
 */
public final class FfmpegLog {
  private static volatile boolean quieted;

  private FfmpegLog() {}

  /** Keeps only FFmpeg's fatal messages (process-wide; idempotent). */
  public static void quiet() {
    if (!quieted) {
      avutil.av_log_set_level(avutil.AV_LOG_FATAL);
      quieted = true;
    }
  }

  /** FFmpeg's text for an AVERROR code. */
  static String describe(int errorCode) {
    byte[] buf = new byte[256];
    avutil.av_strerror(errorCode, buf, buf.length);
    int n = 0;
    while (n < buf.length && buf[n] != 0) {
      n++;
    }
    return new String(buf, 0, n, StandardCharsets.UTF_8);
  }
}
