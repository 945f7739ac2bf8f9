package ai.fym.engine.video.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * The containers the reader accepts, and their magic bytes: a file that starts like a known
 * container but cannot be parsed is damaged, while one that starts like nothing known is not a video.
 */
final class Containers {
  static final String SUPPORTED = "mp4, mov, avi, mkv, webm";

  private Containers() {}

  /** Whether a libavformat demuxer name is one of ours (mov/mp4 family, avi, matroska/webm). */
  static boolean isSupported(String demuxer) {
    return demuxer.startsWith("mov,") || demuxer.equals("avi") || demuxer.startsWith("matroska");
  }

  /** A name for the container the first bytes announce, or null when they match none. */
  static String signature(Path file) {
    byte[] head = new byte[12];
    int n;
    try (InputStream in = Files.newInputStream(file)) {
      n = in.readNBytes(head, 0, head.length);
    } catch (IOException e) {
      return null;
    }
    if (n >= 12 && ascii(head, 0).equals("RIFF") && ascii(head, 8).equals("AVI ")) {
      return "an AVI file";
    }
    if (n >= 8 && Set.of("ftyp", "moov", "mdat", "free", "wide", "skip").contains(ascii(head, 4))) {
      return "an MP4/QuickTime file";
    }
    if (n >= 4 && (head[0] & 0xff) == 0x1a && (head[1] & 0xff) == 0x45 && (head[2] & 0xff) == 0xdf
        && (head[3] & 0xff) == 0xa3) {
      return "a Matroska/WebM file";
    }
    return null;
  }

  private static String ascii(byte[] b, int off) {
    return new String(b, off, 4, StandardCharsets.ISO_8859_1);
  }
}
