package ai.fym.jobs.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parsed command-line words: {@code --name value} options (a repeated option keeps every value),
 * bare {@code --flag}s and positional words. Unknown options are reported by the command that
 * reads them, through {@link #rejectUnknown}.
 */
public final class Args {
  private final Map<String, List<String>> options = new LinkedHashMap<>();
  private final List<String> positional = new ArrayList<>();

  /** Parses words; {@code flags} names the options that take no value. */
  public static Args parse(List<String> words, List<String> flags) {
    Args a = new Args();
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i);
      if (w.startsWith("--") && w.length() > 2) {
        String name = w.substring(2);
        String value;
        int eq = name.indexOf('=');
        if (eq > 0) {
          value = name.substring(eq + 1);
          name = name.substring(0, eq);
        } else if (flags.contains(name)) {
          value = "true";
        } else if (i + 1 < words.size()) {
          value = words.get(++i);
        } else {
          throw new IllegalArgumentException("option --" + name + " needs a value");
        }
        a.options.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
      } else {
        a.positional.add(w);
      }
    }
    return a;
  }

  public String get(String name, String fallback) {
    List<String> v = options.get(name);
    return v == null ? fallback : v.get(v.size() - 1);
  }

  public String require(String name) {
    String v = get(name, null);
    if (v == null) {
      throw new IllegalArgumentException("missing required option --" + name);
    }
    return v;
  }

  public List<String> all(String name) {
    return options.getOrDefault(name, List.of());
  }

  public boolean has(String name) {
    return options.containsKey(name);
  }

  public List<String> positional() {
    return positional;
  }

  /** Throws when an option outside {@code known} was given. */
  public void rejectUnknown(List<String> known) {
    for (String name : options.keySet()) {
      if (!known.contains(name)) {
        throw new IllegalArgumentException("unknown option --" + name + " (see --help)");
      }
    }
  }
}
