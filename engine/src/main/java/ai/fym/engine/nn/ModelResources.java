package ai.fym.engine.nn;

import ai.fym.engine.errors.Errors;
import ai.fym.engine.errors.FymException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Reads the model files bundled under {@code ai/fym/models/} from the classpath and checks each one
 * against the sha256 listed in {@code ai/fym/models/SHA256SUMS}, so a damaged or swapped file fails
 * loudly at load time instead of producing silently wrong outputs.
 */
public final class ModelResources {
  /** Classpath folder of the bundled models. */
  public static final String ROOT = "ai/fym/models/";

  /** Reads a model file given its path relative to {@link #ROOT}; the bundled reader is {@link #read}. */
  @FunctionalInterface
  public interface Reader {
    byte[] read(String relativePath) throws IOException;
  }

  private ModelResources() {}

  /** Reads a bundled model file (path relative to {@link #ROOT}) without checking it. */
  public static byte[] read(String relativePath) throws IOException {
    try (InputStream in = ModelResources.class.getClassLoader().getResourceAsStream(ROOT + relativePath)) {
      if (in == null) {
        throw new IOException("model resource " + ROOT + relativePath + " is not on the classpath");
      }
      return in.readAllBytes();
    }
  }

  /**
   * Reads a model file through {@code reader} and verifies it against SHA256SUMS.
   *
   * @throws FymException with reason MODEL_INTEGRITY when the digest differs, UNREADABLE when it cannot be read
   */
  public static byte[] readVerified(Reader reader, String relativePath) throws FymException {
    byte[] bytes;
    try {
      bytes = reader.read(relativePath);
    } catch (IOException e) {
      throw Errors.unreadable(ROOT + relativePath, e);
    }
    String expected = expectedSha256(relativePath);
    String actual = sha256(bytes);
    if (!actual.equals(expected)) {
      throw Errors.modelIntegrity(ROOT + relativePath, expected, actual);
    }
    return bytes;
  }

  /** The digest SHA256SUMS lists for a file; an unlisted file is an integrity failure. */
  static String expectedSha256(String relativePath) throws FymException {
    String expected = SumsHolder.SUMS.get(relativePath);
    if (expected == null) {
      throw Errors.modelIntegrity(ROOT + relativePath, "an entry in " + ROOT + "SHA256SUMS", "no entry");
    }
    return expected;
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-256 digest", e);
    }
  }

  /** Parses SHA256SUMS once, lazily. */
  private static final class SumsHolder {
    static final Map<String, String> SUMS = parse();

    private static Map<String, String> parse() {
      try {
        Map<String, String> sums = new HashMap<>();
        for (String line : new String(read("SHA256SUMS"), StandardCharsets.UTF_8).split("\n")) {
          String[] parts = line.trim().split("\\s+", 2);
          if (parts.length == 2) {
            sums.put(parts[1].startsWith("*") ? parts[1].substring(1) : parts[1], parts[0].toLowerCase());
          }
        }
        return sums;
      } catch (IOException e) {
        throw new IllegalStateException("cannot read " + ROOT + "SHA256SUMS from the classpath", e);
      }
    }
  }
}
