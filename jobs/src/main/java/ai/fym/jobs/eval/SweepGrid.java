package ai.fym.jobs.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sweep definition (JSON, see {@code conf/sweeps/}): a name, the edits to evaluate, and methods each
 * with a grid of parameter values; {@link #configurations()} is the cartesian product per method.
 * <pre>{"name": "smooth-alpha", "edits": ["grade"],
 *  "methods": [{"method": "per-frame"}, {"method": "smooth", "grid": {"alpha": ["0.3", "0.6"]}}]}</pre>
 */
public record SweepGrid(String name, List<String> edits, List<Map.Entry<String, Map<String, List<String>>>> methods) {

  public static SweepGrid read(Path file) throws IOException {
    JsonNode root = new ObjectMapper().readTree(Files.readString(file));
    String name = text(root, "name", file);
    List<String> edits = new ArrayList<>();
    root.path("edits").forEach(e -> edits.add(e.asText()));
    if (edits.isEmpty()) {
      throw new IllegalArgumentException(file + ": \"edits\" must list at least one edit name");
    }
    List<Map.Entry<String, Map<String, List<String>>>> methods = new ArrayList<>();
    for (JsonNode m : root.path("methods")) {
      Map<String, List<String>> grid = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = m.path("grid").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> p = it.next();
        List<String> values = new ArrayList<>();
        if (p.getValue().isArray()) {
          p.getValue().forEach(v -> values.add(v.asText()));
        } else {
          values.add(p.getValue().asText());
        }
        grid.put(p.getKey(), values);
      }
      methods.add(Map.entry(text(m, "method", file), grid));
    }
    if (methods.isEmpty()) {
      throw new IllegalArgumentException(file + ": \"methods\" must list at least one method");
    }
    return new SweepGrid(name, edits, methods);
  }

  /** Every (method, parameter values) combination, in file order. */
  public List<Map.Entry<String, Map<String, String>>> configurations() {
    List<Map.Entry<String, Map<String, String>>> out = new ArrayList<>();
    for (Map.Entry<String, Map<String, List<String>>> m : methods) {
      List<Map<String, String>> combos = new ArrayList<>();
      combos.add(new LinkedHashMap<>());
      for (Map.Entry<String, List<String>> p : m.getValue().entrySet()) {
        List<Map<String, String>> next = new ArrayList<>();
        for (Map<String, String> c : combos) {
          for (String v : p.getValue()) {
            Map<String, String> copy = new LinkedHashMap<>(c);
            copy.put(p.getKey(), v);
            next.add(copy);
          }
        }
        combos = next;
      }
      combos.forEach(c -> out.add(Map.entry(m.getKey(), c)));
    }
    return out;
  }

  private static String text(JsonNode node, String field, Path file) {
    String v = node.path(field).asText("");
    if (v.isBlank()) {
      throw new IllegalArgumentException(file + ": missing \"" + field + "\"");
    }
    return v;
  }
}
