package ai.fym.engine.correct;

import ai.fym.engine.errors.Errors;
import ai.fym.engine.errors.FymException;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a method's parameters from user overrides: each read names a parameter, its default and
 * its valid range, and records the canonical value; {@link #config()} then rejects any override
 * that no read asked for.
 */
final class MethodParameters {
  private final String method;
  private final Map<String, String> overrides;
  private final Map<String, String> config = new TreeMap<>();

  MethodParameters(String method, Map<String, String> overrides) {
    this.method = method;
    this.overrides = overrides;
  }

  /** A decimal in {@code [min, max]}. */
  double decimal(String key, double defaultValue, double min, double max) throws FymException {
    String raw = overrides.get(key);
    double value = defaultValue;
    if (raw != null) {
      try {
        value = Double.parseDouble(raw.trim());
      } catch (NumberFormatException e) {
        value = Double.NaN;
      }
      if (!(value >= min && value <= max)) {
        throw Errors.badMethodParameter(method, key, raw, "a number from " + min + " to " + max);
      }
    }
    config.put(key, BigDecimal.valueOf(value).stripTrailingZeros().toPlainString());
    return value;
  }

  /** An integer in {@code [min, max]}. */
  int integer(String key, int defaultValue, int min, int max) throws FymException {
    String raw = overrides.get(key);
    int value = defaultValue;
    if (raw != null) {
      try {
        value = Integer.parseInt(raw.trim());
      } catch (NumberFormatException e) {
        throw Errors.badMethodParameter(method, key, raw, "a whole number from " + min + " to " + max);
      }
      if (value < min || value > max) {
        throw Errors.badMethodParameter(method, key, raw, "a whole number from " + min + " to " + max);
      }
    }
    config.put(key, Integer.toString(value));
    return value;
  }

  /** One of {@code choices} (case-sensitive); the first is the default. */
  String choice(String key, List<String> choices) throws FymException {
    String raw = overrides.get(key);
    String value = raw == null ? choices.get(0) : raw.trim();
    if (!choices.contains(value)) {
      throw Errors.badMethodParameter(method, key, raw, "one of " + String.join(", ", choices));
    }
    config.put(key, value);
    return value;
  }

  /** The canonical, sorted map of every parameter read; fails on an override no read asked for. */
  Map<String, String> config() throws FymException {
    for (String key : overrides.keySet()) {
      if (!config.containsKey(key)) {
        throw Errors.unknownMethodParameter(method, key, config.keySet());
      }
    }
    return Collections.unmodifiableMap(new TreeMap<>(config));
  }
}
