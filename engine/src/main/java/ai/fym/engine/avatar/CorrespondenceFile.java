package ai.fym.engine.avatar;

import ai.fym.engine.errors.Errors;
import ai.fym.engine.errors.FymException;
import ai.fym.engine.store.BinaryFiles;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One shot's correspondence maps on disk: the crop resolution, the clip frame indices, and per frame the
 * {@link Correspondences} map from that frame to the first of them (x, y in the first frame's crop pixels,
 * visibility), so that the trajectory field can take exact avatar correspondences as flow supervision.
 */
public final class CorrespondenceFile {
  private static final int MAGIC = 0x46594d43; // "FYMC"
  private static final int VERSION = 1;

  private CorrespondenceFile() {}

  /** The maps of one shot: {@code maps.get(i)} takes frame {@code frames[i]} to {@code frames[0]}. */
  public record Maps(int resolution, int[] frames, List<float[]> maps) {}

  /** Writes {@code maps} atomically. */
  public static void write(Path path, Maps maps) throws IOException {
    BinaryFiles.writeAtomically(path, out -> {
      out.writeInt(MAGIC);
      out.writeInt(VERSION);
      out.writeInt(maps.resolution());
      out.writeInt(maps.frames().length);
      for (int f : maps.frames()) {
        out.writeInt(f);
      }
      for (float[] map : maps.maps()) {
        BinaryFiles.writeFloats(out, map);
      }
    });
  }

  /** Reads what {@link #write} wrote. */
  public static Maps read(Path path) throws IOException, FymException {
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(path), 1 << 20))) {
      if (in.readInt() != MAGIC || in.readInt() != VERSION) {
        throw Errors.badAvatarFile(path.toString(), "wrong header (not a correspondence file)");
      }
      int resolution = in.readInt();
      int count = in.readInt();
      if (count < 0 || count > 1 << 20) {
        throw Errors.badAvatarFile(path.toString(), "implausible frame count " + count);
      }
      int[] frames = new int[count];
      for (int i = 0; i < count; i++) {
        frames[i] = in.readInt();
      }
      List<float[]> maps = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        maps.add(BinaryFiles.readFloats(in));
      }
      return new Maps(resolution, frames, maps);
    }
  }
}
