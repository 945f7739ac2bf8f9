package ai.fym.engine.errors;

import ai.fym.engine.errors.FymException.Reason;

/**
 * The one place where user-facing error messages are written. Each factory returns a
 * {@link FymException} carrying a stable {@link Reason}; callers throw it.
 */
public final class Errors {
  private Errors() {}

  public static FymException emptyFile(String input) {
    return of(Reason.EMPTY_FILE, input + " is an empty file (0 bytes)", null);
  }

  public static FymException unreadable(String input, Throwable cause) {
    return of(Reason.UNREADABLE, "cannot read " + input + ": " + describe(cause), cause);
  }

  public static FymException notAVideo(String input, String detail) {
    return of(Reason.NOT_A_VIDEO, input + " is not a video file the decoder recognises (" + detail + ")", null);
  }

  public static FymException corruptVideo(String input, String detail) {
    return of(Reason.CORRUPT_VIDEO, input + " is damaged and cannot be decoded: " + detail, null);
  }

  public static FymException truncatedVideo(String input, long declaredFrames, long decodedFrames) {
    return of(Reason.TRUNCATED_VIDEO, input + " is truncated: its header declares " + declaredFrames
        + " frames but only " + decodedFrames + " could be decoded", null);
  }

  public static FymException unsupportedCodec(String input, String codec) {
    return of(Reason.UNSUPPORTED_CODEC, input + " uses the video codec '" + codec
        + "', which this build cannot decode; re-encode it (e.g. to H.264)", null);
  }

  public static FymException noVideoStream(String input) {
    return of(Reason.NO_VIDEO_STREAM, input + " has no video stream", null);
  }

  public static FymException overLimits(String input, String what, Object value, Object limit, String key) {
    return of(Reason.OVER_LIMITS, input + " exceeds the " + what + " limit: " + value + " > " + limit
        + " (raise " + key + " to accept it)", null);
  }

  public static FymException decodeTimeout(String input, long seconds, String key) {
    return of(Reason.DECODE_TIMEOUT, input + " took longer than " + seconds + " s to process (limit "
        + key + ")", null);
  }

  public static FymException noFace(String input, long framesScanned) {
    return of(Reason.NO_FACE, "no face was found in " + input + " (" + framesScanned + " frames scanned)", null);
  }

  public static FymException unsafeName(String kind, String name) {
    return of(Reason.UNSAFE_NAME, "the " + kind + " name '" + printable(name) + "' is unsafe as a path"
        + " (empty, a leading dot, a slash, a backslash, a colon, a control character or over 200 characters);"
        + " rename it", null);
  }

  public static FymException notACorpus(String corpus) {
    return of(Reason.UNREADABLE, corpus + " is neither a folder of <identity>/<clip> videos nor a manifest"
        + " (.csv, .jsonl, .json)", null);
  }

  public static FymException duplicateClip(String input, String identity, String clip, String kept) {
    return of(Reason.DUPLICATE_CLIP, input + " is a second source for the clip '" + printable(identity) + "/"
        + printable(clip) + "', already given by " + kept + "; give each clip of an identity its own name", null);
  }

  public static FymException badManifest(String manifest, long line, String detail) {
    return of(Reason.BAD_MANIFEST, manifest + " line " + line + ": " + detail, null);
  }

  public static FymException modelIntegrity(String resource, String expected, String actual) {
    return of(Reason.MODEL_INTEGRITY, "model file " + resource + " is damaged: sha256 " + actual
        + " does not match the expected " + expected, null);
  }

  public static FymException editMismatch(String edited, String source, String what, Object expected, Object actual) {
    return of(Reason.EDIT_MISMATCH, "the edited video " + edited + " does not match its source " + source + ": "
        + what + " is " + actual + " but the source has " + expected
        + "; an edited video must have the source's frame count and size", null);
  }

  public static FymException unknownEdit(String name, java.util.Collection<String> known) {
    return of(Reason.UNKNOWN_EDIT, "there is no built-in edit '" + printable(name) + "' (built-in: "
        + String.join(", ", known) + "); give an edited video with --edited URI instead", null);
  }

  /** A shot whose frames the stored source or crops no longer hold (the clip changed since ingest). */
  public static FymException shotFramesMissing(String input, int shotStart, int expected, int found) {
    return of(Reason.TRUNCATED_VIDEO, "the shot starting at frame " + shotStart + " of " + input + " should have "
        + expected + " frames but only " + found + " could be read; re-ingest the clip", null);
  }

  public static FymException internal(String input, Throwable cause) {
    return of(Reason.INTERNAL, "unexpected failure on " + input + ": " + describe(cause), cause);
  }

  /** Wraps any throwable: a {@link FymException} passes through, anything else becomes INTERNAL. */
  public static FymException wrap(String input, Throwable t) {
    return t instanceof FymException f ? f : internal(input, t);
  }

  /** A configuration value that cannot be used; thrown as an unchecked error before any work starts. */
  public static IllegalArgumentException badConfig(String key, String value, String expected) {
    String shown = ai.fym.engine.config.FymConfig.isSecret(key) ? "(redacted)" : printable(String.valueOf(value));
    return new IllegalArgumentException("configuration " + key + "=" + shown + " is invalid: expected " + expected);
  }

  /** An output root with user:password in its uri: the uri would be written into every table row and log line. */
  public static IllegalArgumentException credentialsInUri(String key) {
    return new IllegalArgumentException("configuration " + key + " holds credentials in its uri (user:secret@);"
        + " give them as spark.hadoop.fs.s3a.access.key / secret.key (or the AWS environment) instead:"
        + " uris are written to tables and logs");
  }

  public static IllegalArgumentException unknownConfigKey(String key, String source) {
    return new IllegalArgumentException("unknown configuration key '" + printable(key) + "' in " + source
        + " (see conf/local.conf for the keys)");
  }

  /** Splat arrays or buffers whose sizes disagree (a programming error in the caller). */
  public static IllegalArgumentException splatShape(String what, Object expected, Object actual) {
    return new IllegalArgumentException("splat rendering: " + what + " should be " + expected + " but is " + actual);
  }

  /** A render pass used after its rasterizer rendered another frame into the same buffers. */
  public static IllegalStateException staleRenderPass() {
    return new IllegalStateException("this render pass is stale: its rasterizer has rendered another frame since"
        + " (or was closed); take gradients of a pass before the next render on the same rasterizer");
  }

  private static FymException of(Reason reason, String message, Throwable cause) {
    return new FymException(reason, message, cause);
  }

  private static String describe(Throwable t) {
    if (t == null) {
      return "unknown error";
    }
    String m = t.getMessage();
    return t.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
  }

  /** Shows control characters as \\uXXXX so a message never carries them to a terminal. */
  public static String printable(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      if (Character.isISOControl(c)) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  public static FymException unknownMethod(String name, java.util.Collection<String> known) {
    return of(Reason.BAD_PARAMETER, "there is no correction method '" + printable(name) + "' (built-in: "
        + String.join(", ", known) + ")", null);
  }

  public static FymException badMethodParameter(String method, String key, String value, String expected) {
    return of(Reason.BAD_PARAMETER, "correction method '" + method + "': parameter " + printable(key) + "="
        + printable(String.valueOf(value)) + " is invalid: expected " + expected, null);
  }

  public static FymException unknownMethodParameter(String method, String key, java.util.Collection<String> known) {
    return of(Reason.BAD_PARAMETER, "correction method '" + method + "' has no parameter '" + printable(key)
        + "' (its parameters: " + (known.isEmpty() ? "none" : String.join(", ", known)) + ")", null);
  }

  public static FymException shotMismatch(int index, String what, Object expected, Object actual) {
    return of(Reason.EDIT_MISMATCH, "frame " + index + " of the shot: its " + what + " is " + actual
        + " but should be " + expected + "; all frames of a shot, source and edited, must have one size", null);
  }

  public static FymException tooFewAvatarFrames(int frames) {
    return of(Reason.TOO_FEW_FRAMES, "an avatar needs at least 2 face frames with landmarks; this identity has "
        + frames, null);
  }

  public static FymException noAvatar(String identity, String where) {
    return of(Reason.NO_AVATAR, "no trained avatar for identity '" + printable(identity) + "' in " + where
        + "; run bin/fym avatars first", null);
  }

  public static FymException badAvatarFile(String path, String detail) {
    return of(Reason.UNREADABLE, path + " is not a readable avatar file: " + detail, null);
  }

  /** An input column a Spark stage needs is absent; thrown before any work starts. */
  public static IllegalArgumentException missingColumn(String stage, String column, String expected,
      java.util.Collection<String> present) {
    return new IllegalArgumentException(stage + " needs the input column '" + printable(column) + "' (" + expected
        + "); the input has " + (present.isEmpty() ? "no columns" : String.join(", ", present)));
  }

  /** An input column of a Spark stage has the wrong type; thrown before any work starts. */
  public static IllegalArgumentException columnType(String stage, String column, String expected, String actual) {
    return new IllegalArgumentException(stage + ": input column '" + printable(column) + "' is " + actual
        + " but should be " + expected);
  }

  /** The rows of one shot do not list its frames start, start + 1, ... once each, in order. */
  public static FymException shotFrameOrder(String shot, int expected, int found) {
    return of(Reason.EDIT_MISMATCH, "shot " + printable(shot) + ": expected clip frame " + expected + " next but"
        + " found frame " + found + "; a shot's rows must be its frames from the shot start on, each once", null);
  }

  /** The output column of a Spark stage is already in its input. */
  public static IllegalArgumentException columnExists(String stage, String column) {
    return new IllegalArgumentException(stage + ": the output column '" + printable(column) + "' is already in the"
        + " input; drop it or choose another output column");
  }
}
