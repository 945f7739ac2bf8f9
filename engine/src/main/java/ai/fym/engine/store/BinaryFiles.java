package ai.fym.engine.store;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * What the engine's model files (trajectory fields, avatars, checkpoints) share: atomic writes (a unique
 * temporary file beside the target, then a rename, so a reader never sees half a file and a crash leaves the old
 * one) and float arrays stored as a length and little-endian values.
 */
public final class BinaryFiles {
  private static final int MAX_ARRAY = 1 << 28;

  private BinaryFiles() {}

  /** Writes the body of a file. */
  @FunctionalInterface
  public interface Body {
    void write(DataOutputStream out) throws IOException;
  }

  /** Writes {@code body} to {@code path} atomically, creating its folder. */
  public static void writeAtomically(Path path, Body body) throws IOException {
    Path parent = Files.createDirectories(path.toAbsolutePath().getParent());
    Path tmp = Files.createTempFile(parent, path.getFileName().toString(), ".tmp");
    try {
      try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp),
          1 << 20))) {
        body.write(out);
      }
      Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
  }

  /** Writes {@code values}: their count, then the values. */
  public static void writeFloats(DataOutputStream out, float[] values) throws IOException {
    out.writeInt(values.length);
    ByteBuffer buffer = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < values.length; ) {
      buffer.clear();
      int n = Math.min(values.length - i, buffer.capacity() / 4);
      buffer.asFloatBuffer().put(values, i, n);
      out.write(buffer.array(), 0, 4 * n);
      i += n;
    }
  }

  /** Reads what {@link #writeFloats} wrote. */
  public static float[] readFloats(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0 || length > MAX_ARRAY) {
      throw new IOException("implausible array length " + length);
    }
    float[] values = new float[length];
    byte[] chunk = new byte[1 << 16];
    for (int i = 0; i < length; ) {
      int n = Math.min(length - i, chunk.length / 4);
      in.readFully(chunk, 0, 4 * n);
      ByteBuffer.wrap(chunk, 0, 4 * n).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values, i, n);
      i += n;
    }
    return values;
  }
}
