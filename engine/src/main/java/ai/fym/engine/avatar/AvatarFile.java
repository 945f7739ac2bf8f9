package ai.fym.engine.avatar;

import ai.fym.engine.errors.Errors;
import ai.fym.engine.errors.FymException;
import ai.fym.engine.store.BinaryFiles;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An avatar on disk, self-describing: the settings hash it was trained under, its resolution and network width,
 * the landmark basis, the Gaussians and the deformation network; a checkpoint adds the step reached and the
 * optimiser's moments. Written atomically ({@link BinaryFiles}).
 */
public final class AvatarFile {
  private static final int MAGIC = 0x46594d41; // "FYMA"
  private static final int VERSION = 1;

  private AvatarFile() {}

  /** What a file held; {@code optimiser} is null for a finished avatar. */
  public record Loaded(AvatarModel model, String settingsHash, int step, float[][][] optimiser) {}

  /** Writes a finished avatar. */
  public static void write(Path path, AvatarModel model, String settingsHash) throws IOException {
    write(path, model, settingsHash, 0, null);
  }

  /** Writes {@code model} with, for a checkpoint, the step reached and the optimiser state. */
  static void write(Path path, AvatarModel model, String settingsHash, int step, float[][][] optimiser)
      throws IOException {
    BinaryFiles.writeAtomically(path, out -> {
      out.writeInt(MAGIC);
      out.writeInt(VERSION);
      out.writeUTF(settingsHash);
      out.writeInt(model.resolution());
      out.writeInt(model.hidden());
      FaceCode code = model.faceCode();
      BinaryFiles.writeFloats(out, code.mean());
      BinaryFiles.writeFloats(out, code.spread());
      for (float[] component : code.basis()) {
        BinaryFiles.writeFloats(out, component);
      }
      GaussianSet g = model.gaussians();
      out.writeInt(g.count);
      for (float[] array : g.arrays()) {
        BinaryFiles.writeFloats(out, array);
      }
      BinaryFiles.writeFloats(out, model.deformation());
      out.writeInt(step);
      writeOptimiser(out, optimiser);
    });
  }

  /** Reads an avatar or checkpoint. */
  public static Loaded read(Path path) throws IOException, FymException {
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(path), 1 << 20))) {
      if (in.readInt() != MAGIC || in.readInt() != VERSION) {
        throw Errors.badAvatarFile(path.toString(), "wrong header (not an avatar, or another version)");
      }
      String hash = in.readUTF();
      int resolution = in.readInt();
      int hidden = in.readInt();
      float[] mean = BinaryFiles.readFloats(in);
      float[] spread = BinaryFiles.readFloats(in);
      float[][] basis = new float[spread.length][];
      for (int k = 0; k < basis.length; k++) {
        basis[k] = BinaryFiles.readFloats(in);
      }
      int count = in.readInt();
      float[][] arrays = new float[GaussianSet.widths().length][];
      for (int a = 0; a < arrays.length; a++) {
        arrays[a] = BinaryFiles.readFloats(in);
        if (arrays[a].length != count * GaussianSet.widths()[a]) {
          throw Errors.badAvatarFile(path.toString(), "Gaussian array " + a + " has " + arrays[a].length
              + " values for " + count + " Gaussians");
        }
      }
      GaussianSet gaussians = new GaussianSet(count, arrays[0], arrays[1], arrays[2], arrays[3], arrays[4]);
      float[] deformation = BinaryFiles.readFloats(in);
      AvatarModel model = new AvatarModel(resolution, new FaceCode(mean, basis, spread), hidden, gaussians,
          deformation);
      int step = in.readInt();
      return new Loaded(model, hash, step, readOptimiser(in));
    }
  }

  private static void writeOptimiser(DataOutputStream out, float[][][] optimiser) throws IOException {
    out.writeInt(optimiser == null ? 0 : optimiser.length);
    if (optimiser != null) {
      for (float[][] group : optimiser) {
        BinaryFiles.writeFloats(out, group[0]);
        BinaryFiles.writeFloats(out, group[1]);
        out.writeInt((int) group[2][0]);
      }
    }
  }

  private static float[][][] readOptimiser(DataInputStream in) throws IOException {
    int groups = in.readInt();
    if (groups == 0) {
      return null;
    }
    float[][][] state = new float[groups][][];
    for (int g = 0; g < groups; g++) {
      state[g] = new float[][] {BinaryFiles.readFloats(in), BinaryFiles.readFloats(in), {in.readInt()}};
    }
    return state;
  }
}
