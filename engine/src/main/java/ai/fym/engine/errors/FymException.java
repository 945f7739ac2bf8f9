package ai.fym.engine.errors;

/**
 * A failure with a stable reason code and a message a person understands. The stages turn it into a
 * quarantine row (reason = {@link #reason()}, detail = message) and go on with the next item.
 * Build instances through {@link Errors}, the one place for user-facing messages.
 */
public final class FymException extends Exception {
  private final Reason reason;

  FymException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  /** Stable reason codes, stored as strings in the quarantine table. */
  public enum Reason {
    EMPTY_FILE,
    UNREADABLE,
    NOT_A_VIDEO,
    CORRUPT_VIDEO,
    TRUNCATED_VIDEO,
    UNSUPPORTED_CODEC,
    NO_VIDEO_STREAM,
    OVER_LIMITS,
    DECODE_TIMEOUT,
    NO_FACE,
    UNSAFE_NAME,
    BAD_MANIFEST,
    DUPLICATE_CLIP,
    MODEL_INTEGRITY,
    EDIT_MISMATCH,
    UNKNOWN_EDIT,
    BAD_PARAMETER,
    TOO_FEW_FRAMES,
    NO_AVATAR,
    INTERNAL
  }
}
