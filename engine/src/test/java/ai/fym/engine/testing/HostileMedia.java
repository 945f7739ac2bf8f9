package ai.fym.engine.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

/**
 * Byte-level damage for the hostile-media fuzzer: cuts, seeded bit flips and AVI header patches applied
 * to a good file. Deterministic: the same input and seed give the same bytes.
 */
public final class HostileMedia {
  private HostileMedia() {}

  /** The first {@code length} bytes of {@code good}. */
  public static void truncate(Path good, Path out, long length) throws IOException {
    byte[] all = Files.readAllBytes(good);
    Files.write(out, Arrays.copyOf(all, (int) Math.min(all.length, length)));
  }

  /** Offset just past an AVI's {@code movi} list tag: the header and stream descriptions, no frame data. */
  public static int aviHeaderEnd(Path avi) throws IOException {
    byte[] bytes = Files.readAllBytes(avi);
    return chunk(bytes, "movi", avi) + 4;
  }

  /** {@code good} with one bit in 64 of {@code [from, from + length)} flipped at seeded positions. */
  public static void flipBits(Path good, Path out, int from, int length, long seed) throws IOException {
    flipBits(good, out, from, length, length * 8 / 64, seed);
  }

  /** {@code good} with {@code bits} bits of {@code [from, from + length)} flipped at seeded positions. */
  public static void flipBits(Path good, Path out, int from, int length, int bits, long seed) throws IOException {
    byte[] bytes = Files.readAllBytes(good);
    int end = Math.min(bytes.length, from + length);
    int span = end - from;
    Random random = new Random(seed);
    for (int i = 0; i < bits; i++) {
      int bit = random.nextInt(span * 8);
      bytes[from + bit / 8] ^= (byte) (1 << (bit % 8));
    }
    Files.write(out, bytes);
  }

  /** An AVI whose header declares a {@code width x height} frame ({@code avih} and {@code strf}). */
  public static void aviWithDeclaredSize(Path goodAvi, Path out, int width, int height) throws IOException {
    byte[] bytes = Files.readAllBytes(goodAvi);
    ByteBuffer le = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    int avih = chunk(bytes, "avih", goodAvi);
    le.putInt(avih + 8 + 32, width); // dwWidth
    le.putInt(avih + 8 + 36, height); // dwHeight
    int strf = chunk(bytes, "strf", goodAvi);
    le.putInt(strf + 8 + 4, width); // BITMAPINFOHEADER.biWidth
    le.putInt(strf + 8 + 8, height); // biHeight
    Files.write(out, bytes);
  }

  /** An AVI whose header declares {@code frames} frames ({@code avih} dwTotalFrames and {@code strh} dwLength). */
  public static void aviWithDeclaredLength(Path goodAvi, Path out, int frames) throws IOException {
    byte[] bytes = Files.readAllBytes(goodAvi);
    ByteBuffer le = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    le.putInt(chunk(bytes, "avih", goodAvi) + 8 + 16, frames);
    le.putInt(chunk(bytes, "strh", goodAvi) + 8 + 32, frames);
    Files.write(out, bytes);
  }

  private static int chunk(byte[] bytes, String id, Path file) {
    byte[] needle = id.getBytes(StandardCharsets.US_ASCII);
    outer:
    for (int i = 0; i + needle.length <= bytes.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (bytes[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new IllegalStateException("no " + id + " chunk in " + file);
  }
}
