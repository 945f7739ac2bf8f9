package ai.fym.engine.trajectory;

import ai.djl.Device;
import ai.fym.engine.optim.Adam;
import ai.fym.engine.store.BinaryFiles;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
    BinaryFiles.writeAtomically(path, out -> writeBody(out, field, step, hashAdam, mlpAdam));
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
    BinaryFiles.writeFloats(out, field.hashParams());
    BinaryFiles.writeFloats(out, field.decoder().params());
    out.writeBoolean(hashAdam != null);
    if (hashAdam != null) {
      for (Adam adam : new Adam[] {hashAdam, mlpAdam}) {
        float[][] state = adam.state();
        BinaryFiles.writeFloats(out, state[0]);
        BinaryFiles.writeFloats(out, state[1]);
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
      float[] hash = BinaryFiles.readFloats(in);
      float[] mlp = BinaryFiles.readFloats(in);
      if (hash.length != settings.grid().paramCount()) {
        throw new IOException(path + " holds " + hash.length + " table entries, its settings need "
            + settings.grid().paramCount());
      }
      float[][] hashAdam = null;
      float[][] mlpAdam = null;
      if (in.readBoolean()) {
        hashAdam = new float[][] {BinaryFiles.readFloats(in), BinaryFiles.readFloats(in), {in.readInt()}};
        mlpAdam = new float[][] {BinaryFiles.readFloats(in), BinaryFiles.readFloats(in), {in.readInt()}};
      }
      TrajectoryField field = new TrajectoryField(settings, width, height, frames, hash, mlp, device);
      return new Loaded(field, step, hashAdam, mlpAdam);
    }
  }
}
