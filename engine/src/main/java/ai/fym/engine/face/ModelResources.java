package ai.fym.engine.face;

import ai.fym.engine.errors.Errors;
import ai.fym.engine.errors.FymException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Reads bundled model files from the classpath, checking those listed in the models' SHA256SUMS. */
final class ModelResources {
  static final String MODELS_ROOT = "ai/fym/models/";

  private ModelResources() {}

  /**
   * The bytes of {@code MODELS_ROOT + name}, verified against its line in {@code SHA256SUMS}.
   *
   * @throws FymException MODEL_INTEGRITY when the digest differs or the file has no checksum line
   */
  static byte[] verifiedModel(String name) throws FymException {
    String resource = MODELS_ROOT + name;
    byte[] bytes = read(resource);
    String expected = expectedSha256(name);
    String actual = sha256(bytes);
    if (!actual.equals(expected)) {
      throw Errors.modelIntegrity(resource, expected == null ? "(no entry in SHA256SUMS)" : expected, actual);
    }
    return bytes;
  }

  /** The bytes of any classpath resource; a missing one is a packaging defect, hence unchecked. */
  static byte[] read(String resource) {
    try (InputStream in = ModelResources.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("classpath resource " + resource + " is missing from this build");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read classpath resource " + resource, e);
    }
  }

  /** Copies a classpath resource to a new temporary file (for native loaders that need a path). */
  static Path toTempFile(String resource, String suffix) {
    try {
      Path file = Files.createTempFile("fym-model-", suffix);
      Files.write(file, read(resource));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy " + resource + " to a temporary file", e);
    }
  }

  private static String expectedSha256(String name) {
    String sums = new String(read(MODELS_ROOT + "SHA256SUMS"), StandardCharsets.UTF_8);
    try (BufferedReader lines = new BufferedReader(new StringReader(sums))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        String[] parts = line.trim().split("\\s+", 2);
        if (parts.length == 2 && parts[1].replaceFirst("^\\*", "").equals(name)) {
          return parts[0].toLowerCase();
        }
      }
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
