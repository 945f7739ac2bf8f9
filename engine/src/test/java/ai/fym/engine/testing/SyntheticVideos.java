package ai.fym.engine.testing;

import ai.fym.engine.geom.Box;
import ai.fym.engine.image.ImageCodec;
import ai.fym.engine.image.RgbImage;
import ai.fym.engine.video.VideoWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

/**
 * Deterministic test videos, real encoded files: a moving portrait (with an optional hard cut), a
 * face-free clip, and the damaged inputs ingest must quarantine. Shipped in the engine's test-jar so
 * the Spark modules' tests use the same fixtures.
 */
public final class SyntheticVideos {
  /** Frame rate of every generated video. */
  public static final double FPS = 25;

  private SyntheticVideos() {}

  /**
   * The Grace Hopper portrait (face about 100-150 px at 640x480) gliding a few px per frame over a
   * plain background; with {@code withCut}, frame {@code frames / 2} starts a second shot: mirrored
   * portrait, other size, place and background.
   */
  public static void movingPortrait(Path out, int frames, int width, int height, boolean withCut)
      throws IOException {
    RgbImage portrait = ImageCodec.read(Samples.graceHopper());
    try (VideoWriter w = VideoWriter.open(out, width, height, FPS)) {
      for (int t = 0; t < frames; t++) {
        w.write(portraitFrame(portrait, t, frames, width, height, withCut));
      }
    }
  }

  /** Frame {@code t} of {@link #movingPortrait}, for comparing decoded pixels with what was encoded. */
  public static RgbImage portraitFrame(RgbImage portrait, int t, int frames, int width, int height,
      boolean withCut) {
    boolean second = withCut && t >= frames / 2;
    int side = (int) Math.round(Math.min(height * (second ? 0.55 : 0.75), width * 0.7));
    RgbImage scaled = portrait.resample(second ? new Box(512, 0, -512, 512) : new Box(0, 0, 512, 512), side, side);
    int[] bg = second ? new int[] {40, 90, 160} : new int[] {200, 190, 170};
    int travel = Math.max(1, width - side);
    int step = 3 * t % (2 * travel);
    int x0 = step < travel ? step : 2 * travel - step;
    int y0 = (height - side) / (second ? 4 : 2) + (int) Math.round(4 * Math.sin(t * 0.2));
    if (second) {
      x0 = travel - x0;
    }
    byte[] rgb = new byte[width * height * 3];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int o = (y * width + x) * 3;
        int px = x - x0;
        int py = y - y0;
        boolean inside = px >= 0 && py >= 0 && px < side && py < side;
        for (int c = 0; c < 3; c++) {
          rgb[o + c] = inside ? scaled.rgb()[(py * side + px) * 3 + c] : (byte) bg[c];
        }
      }
    }
    return new RgbImage(width, height, rgb);
  }

  /** Smooth, slowly drifting colour gradients with light seeded noise: no face anywhere. */
  public static void noFace(Path out, int frames, int width, int height) throws IOException {
    try (VideoWriter w = VideoWriter.open(out, width, height, FPS)) {
      for (int t = 0; t < frames; t++) {
        w.write(gradientFrame(t, width, height));
      }
    }
  }

  private static RgbImage gradientFrame(int t, int width, int height) {
    Random noise = new Random(t);
    byte[] rgb = new byte[width * height * 3];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int o = (y * width + x) * 3;
        double u = (x + 2.0 * t) / width;
        double v = (y + 1.0 * t) / height;
        int n = noise.nextInt(9) - 4;
        rgb[o] = clamp(128 + 100 * Math.sin(2 * Math.PI * u) + n);
        rgb[o + 1] = clamp(128 + 100 * Math.cos(2 * Math.PI * v) + n);
        rgb[o + 2] = clamp(128 + 80 * Math.sin(2 * Math.PI * (u + v) / 2) + n);
      }
    }
    return new RgbImage(width, height, rgb);
  }

  /**
   * A Matroska file written as a stream (no seeking back), so its header declares no duration or
   * frame count: the reader can only enforce the frame limit while decoding.
   */
  public static void undeclaredLength(Path out, int frames, int width, int height) throws IOException {
    try (OutputStream os = Files.newOutputStream(out);
        FFmpegFrameRecorder r = new FFmpegFrameRecorder(os, width, height, 0);
        Frame f = new Frame(width, height, Frame.DEPTH_UBYTE, 3, width * 3)) {
      r.setFormat("matroska");
      r.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
      r.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
      r.setFrameRate(FPS);
      r.start();
      for (int t = 0; t < frames; t++) {
        ((ByteBuffer) f.image[0]).put(0, gradientFrame(t, width, height).rgb());
        r.record(f, avutil.AV_PIX_FMT_RGB24);
      }
      r.stop();
    }
  }

  /** Numbered PNG frames {@code frame_1.png .. frame_N.png} (unpadded, so only natural order is right). */
  public static void frameFolder(Path dir, int frames, int width, int height) throws IOException {
    RgbImage portrait = ImageCodec.read(Samples.graceHopper());
    Files.createDirectories(dir);
    for (int t = 0; t < frames; t++) {
      Files.write(dir.resolve("frame_" + (t + 1) + ".png"),
          ImageCodec.encodePng(portraitFrame(portrait, t, frames, width, height, false)));
    }
  }

  /** One second of a 440 Hz tone in an .m4a (AAC in MP4): a valid container with no video stream. */
  public static void audioOnly(Path out) throws IOException {
    try (FFmpegFrameRecorder r = new FFmpegFrameRecorder(out.toAbsolutePath().toString(), 1)) {
      r.setFormat("mp4");
      r.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
      r.setSampleRate(44100);
      r.start();
      short[] samples = new short[44100];
      for (int i = 0; i < samples.length; i++) {
        samples[i] = (short) (8000 * Math.sin(2 * Math.PI * 440 * i / 44100.0));
      }
      r.recordSamples(ShortBuffer.wrap(samples));
      r.stop();
    }
  }

  public static void zeroByte(Path out) throws IOException {
    Files.write(out, new byte[0]);
  }

  /** Plain text saved under a video name (e.g. {@code notes.mp4}). */
  public static void textWithVideoExtension(Path out) throws IOException {
    Files.writeString(out, "Meeting notes\nThis is not a video, just text saved with the wrong name.\n".repeat(40),
        StandardCharsets.UTF_8);
  }

  /** The first 40% of {@code good}'s bytes, as left by an interrupted upload. */
  public static void truncated(Path good, Path out) throws IOException {
    byte[] all = Files.readAllBytes(good);
    Files.write(out, java.util.Arrays.copyOf(all, (int) (all.length * 0.4)));
  }

  /**
   * {@code good} with one bit in 64 flipped, at seeded positions, in its first and last 4 KiB: where
   * containers keep their header, stream descriptions and index (mp4 moov, AVI hdrl and idx1, Matroska
   * tracks and cues). The first 12 bytes (the signature) are kept, so the file still announces its format.
   */
  public static void bitFlipped(Path good, Path out, long seed) throws IOException {
    byte[] bytes = Files.readAllBytes(good);
    Random random = new Random(seed);
    int keep = 12;
    int span = Math.min(bytes.length - keep, 4096);
    flip(bytes, keep, span, random);
    flip(bytes, Math.max(keep, bytes.length - 4096), Math.min(bytes.length - keep, 4096), random);
    Files.write(out, bytes);
  }

  /**
   * {@code good} with its middle half overwritten by seeded random bytes, header and index intact:
   * the container opens and the decoder meets garbage mid-stream.
   */
  public static void garbledMiddle(Path good, Path out, long seed) throws IOException {
    byte[] bytes = Files.readAllBytes(good);
    byte[] noise = new byte[bytes.length / 2];
    new Random(seed).nextBytes(noise);
    System.arraycopy(noise, 0, bytes, bytes.length / 4, noise.length);
    Files.write(out, bytes);
  }

  private static void flip(byte[] bytes, int from, int length, Random random) {
    for (int i = 0; i < length * 8 / 64; i++) {
      int bit = random.nextInt(length * 8);
      bytes[from + bit / 8] ^= (byte) (1 << (bit % 8));
    }
  }

  /**
   * A 16-frame AVI whose video FourCC (the {@code strh} handler and the {@code strf} compression) is
   * patched to {@code ZZZZ}, a tag no FFmpeg decoder claims.
   */
  public static void unsupportedCodec(Path out) throws IOException {
    noFace(out, 16, 64, 48);
    byte[] bytes = Files.readAllBytes(out);
    byte[] tag = "ZZZZ".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(tag, 0, bytes, chunk(bytes, "strh", out) + 12, 4); // after fccType: fccHandler
    System.arraycopy(tag, 0, bytes, chunk(bytes, "strf", out) + 24, 4); // BITMAPINFOHEADER.biCompression
    Files.write(out, bytes);
  }

  /**
   * A 16-frame AVI whose header declares {@code rate / scale} frames per second (the {@code strh} dwRate
   * and dwScale fields, and the {@code avih} frame period), for testing missing or absurd frame rates.
   */
  public static void aviWithDeclaredRate(Path out, int rate, int scale) throws IOException {
    noFace(out, 16, 64, 48);
    byte[] bytes = Files.readAllBytes(out);
    ByteBuffer le = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    int strh = chunk(bytes, "strh", out);
    le.putInt(strh + 28, scale);
    le.putInt(strh + 32, rate);
    le.putInt(chunk(bytes, "avih", out) + 8, rate == 0 ? 0 : (int) (1_000_000L * scale / rate));
    Files.write(out, bytes);
  }

  private static int chunk(byte[] bytes, String id, Path file) {
    int at = indexOf(bytes, id);
    if (at < 0) {
      throw new IllegalStateException("no " + id + " chunk in the AVI written to " + file);
    }
    return at;
  }

  private static int indexOf(byte[] bytes, String ascii) {
    byte[] needle = ascii.getBytes(StandardCharsets.US_ASCII);
    outer:
    for (int i = 0; i + needle.length <= bytes.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (bytes[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static byte clamp(double v) {
    return (byte) Math.max(0, Math.min(255, (int) Math.round(v)));
  }
}
