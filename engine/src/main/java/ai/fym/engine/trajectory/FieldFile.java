package ai.fym.engine.trajectory;

import ai.djl.Device;
import ai.fym.engine.optim.Adam;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;

/**
 * Stores a trajectory field: its settings (the canonical map, so the file describes itself), shot geometry, the
 * step it reached, the hash tables and decoder weights, and for a resumable checkpoint the optimiser moments too.
 * Little-endian floats in bulk; written to a temporary sibling and renamed, so a reader never sees half a file.
 */
public final class FieldFile {
  private static final int MAGIC = 0x46594d54; // "FYMT"
  private static final int VERSION = 1;

  private FieldFile() {}

  /** What a file held: the field, its step and, for a checkpoint, the optimiser state. */
  public record Loaded(TrajectoryField field, int step, float[][] hashAdam, float[][] mlpAdam) {}

  static void write(Path path, TrajectoryField field, int step, Adam hashAdam, Adam mlpAdam) throws IOException {
    Path parent = Files.createDirectories(path.toAbsolutePath().getParent());
    Path tmp = Files.createTempFile(parent, path.getFileName().toString(), ".tmp");
    try {
      try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp),
          1 << 20))) {
        writeBody(out, field, step, hashAdam, mlpAdam);
      }
      Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
  }

  private static void writeBody(DataOutputStream out, TrajectoryField field, int step, Adam hashAdam,
      Adam mlpAdam) throws IOException {
    out.writeInt(MAGIC);
    out.writeInt(VERSION);
    Map<String, String> settings = field.settings().canonical();
    out.writeInt(settings.size());
    for (Map.Entry<String, String> e : settings.entrySet()) {
      out.writeUTF(e.getKey());
      out.writeUTF(e.getValue());
    }
    out.writeInt(field.width());
    out.writeInt(field.height());
    out.writeInt(field.frames());
    out.writeInt(step);
    floats(out, field.hashParams());
    floats(out, field.decoder().params());
    out.writeBoolean(hashAdam != null);
    if (hashAdam != null) {
      for (Adam adam : new Adam[] {hashAdam, mlpAdam}) {
        float[][] state = adam.state();
        floats(out, state[0]);
        floats(out, state[1]);
        out.writeInt(adam.steps());
      }
    }
  }

  /** Reads a field (its kernel using {@code threads} CPU threads) onto {@code device}. */
  public static Loaded read(Path path, int threads, Device device) throws IOException {
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(path),
        1 << 20))) {
      if (in.readInt() != MAGIC || in.readInt() != VERSION) {
        throw new IOException(path + " is not a trajectory field file of this version");
      }
      Map<String, String> canonical = new TreeMap<>();
      int entries = in.readInt();
      for (int i = 0; i < entries; i++) {
        canonical.put(in.readUTF(), in.readUTF());
      }
      TrajectorySettings settings = TrajectorySettings.fromCanonical(canonical, 0, threads);
      int width = in.readInt();
      int height = in.readInt();
      int frames = in.readInt();
      int step = in.readInt();
      float[] hash = floats(in);
      float[] mlp = floats(in);
      if (hash.length != settings.grid().paramCount()) {
        throw new IOException(path + " holds " + hash.length + " table entries, its settings need "
            + settings.grid().paramCount());
      }
      float[][] hashAdam = null;
      float[][] mlpAdam = null;
      if (in.readBoolean()) {
        hashAdam = new float[][] {floats(in), floats(in), {in.readInt()}};
        mlpAdam = new float[][] {floats(in), floats(in), {in.readInt()}};
      }
      TrajectoryField field = new TrajectoryField(settings, width, height, frames, hash, mlp, device);
      return new Loaded(field, step, hashAdam, mlpAdam);
    }
  }

  private static void floats(DataOutputStream out, float[] values) throws IOException {
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

  private static float[] floats(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0 || length > (1 << 28)) {
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
