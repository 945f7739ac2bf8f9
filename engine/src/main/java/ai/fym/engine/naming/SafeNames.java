package ai.fym.engine.naming;

import ai.fym.engine.errors.Errors;
import ai.fym.engine.errors.FymException;

/**
 * Validates identity, clip and edit names before they become parts of output paths, so that nothing
 * is ever written outside the output root. A safe name is non-empty, not {@code .} or {@code ..},
 * and has no slash, backslash, control character or leading dot.
 */
public final class SafeNames {
  private SafeNames() {}

  /** Returns the name when it is safe; throws an UNSAFE_NAME {@link FymException} otherwise. */
  public static String check(String kind, String name) throws FymException {
    if (!isSafe(name)) {
      throw Errors.unsafeName(kind, name == null ? "" : name);
    }
    return name;
  }

  public static boolean isSafe(String name) {
    if (name == null || name.isBlank() || name.startsWith(".") || name.length() > 200) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '/' || c == '\\' || Character.isISOControl(c) || c == ':') {
        return false;
      }
    }
    return true;
  }
}
