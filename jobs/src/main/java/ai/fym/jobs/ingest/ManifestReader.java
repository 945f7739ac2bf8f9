package ai.fym.jobs.ingest;

import ai.fym.engine.errors.Errors;
import ai.fym.engine.errors.FymException;
import ai.fym.engine.naming.SafeNames;
import ai.fym.udfs.ingest.ClipInput;
import ai.fym.udfs.ingest.IngestRows;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;

/**
 * Reads a corpus manifest. CSV: a header with {@code identity}, {@code uri} (or {@code source}),
 * optional {@code clip} (default: the file's base name), optional {@code subject}
 * (true/yes/1: the identity is the clip's main person) and one {@code edit:<name>} column per
 * edited video. JSON Lines / a JSON array: objects with the same fields and {@code edits} as an
 * object of name to uri. Relative uris are resolved against the manifest's folder. A bad line or a
 * missing source becomes a quarantine row; the other lines are kept.
 */
final class ManifestReader {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Configuration hadoop;

  ManifestReader(Configuration hadoop) {
    this.hadoop = hadoop;
  }

  Discovery read(Path manifest) throws IOException {
    FileSystem fs = manifest.getFileSystem(hadoop);
    List<Map<String, Object>> records = new ArrayList<>();
    String ext = CorpusDiscovery.extension(manifest.getName());
    try (BufferedReader r = new BufferedReader(new InputStreamReader(fs.open(manifest), StandardCharsets.UTF_8))) {
      if (ext.equals("csv")) {
        readCsv(r, records);
      } else {
        readJson(r, ext.equals("jsonl"), records);
      }
    }
    List<ClipInput> clips = new ArrayList<>();
    List<Row> quarantine = new ArrayList<>();
    String where = manifest.toUri().toString();
    for (int i = 0; i < records.size(); i++) {
      Map<String, Object> rec = records.get(i);
      long line = ((Number) rec.get("_line")).longValue();
      try {
        clips.add(toClip(fs, manifest.getParent(), rec, where, line));
      } catch (RuntimeException e) {
        FymException bad = Errors.badManifest(where, line, "cannot read this record (" + e.getMessage() + ")");
        quarantine.add(IngestRows.quarantine(where + "#" + line, str(rec, "identity"), str(rec, "clip"), "discover",
            bad, "line:" + line, CorpusDiscovery.now()));
      } catch (FymException e) {
        Object uri = rec.getOrDefault("uri", where + "#" + line);
        quarantine.add(IngestRows.quarantine(String.valueOf(uri), str(rec, "identity"), str(rec, "clip"),
            "discover", e, "line:" + line, CorpusDiscovery.now()));
      }
    }
    return new Discovery(clips, quarantine, 0);
  }

  private ClipInput toClip(FileSystem fs, Path base, Map<String, Object> rec, String where, long line)
      throws FymException {
    String identity = str(rec, "identity");
    String uriText = str(rec, "uri");
    if (rec.containsKey("_error")) {
      throw Errors.badManifest(where, line, "not a JSON object: " + rec.get("_error"));
    }
    if (identity == null || uriText == null) {
      throw Errors.badManifest(where, line, "needs an identity and a uri");
    }
    Path source = resolve(base, uriText);
    String clip = str(rec, "clip") != null ? str(rec, "clip") : CorpusDiscovery.stem(source.getName());
    rec.put("uri", source.toUri().toString());
    SafeNames.check("identity", identity);
    SafeNames.check("clip", clip);
    Map<String, String> edits = new LinkedHashMap<>();
    @SuppressWarnings("unchecked")
    Map<String, String> declared = (Map<String, String>) rec.getOrDefault("edits", Map.of());
    for (Map.Entry<String, String> e : declared.entrySet()) {
      edits.put(SafeNames.check("edit", e.getKey()), resolve(base, e.getValue()).toUri().toString());
    }
    String subject = str(rec, "subject");
    boolean isSubject = subject != null && List.of("true", "yes", "1").contains(subject.toLowerCase(Locale.ROOT));
    try {
      FileStatus st = source.getFileSystem(hadoop).getFileStatus(source);
      return new ClipInput(identity, clip, source.toUri().toString(), st.isDirectory() ? 0 : st.getLen(),
          st.getModificationTime(), isSubject, edits);
    } catch (IOException e) {
      throw Errors.unreadable(source.toUri().toString(), e);
    }
  }

  private static Path resolve(Path base, String uri) {
    URI u = URI.create(uri.replace(" ", "%20"));
    return u.getScheme() != null || uri.startsWith("/") ? new Path(uri) : new Path(base, uri);
  }

  private static String str(Map<String, Object> rec, String key) {
    Object v = rec.get(key);
    return v == null || v.toString().isBlank() ? null : v.toString().trim();
  }

  private static void readCsv(BufferedReader r, List<Map<String, Object>> out) throws IOException {
    String headerLine = r.readLine();
    if (headerLine == null) {
      return;
    }
    List<String> header = Csv.split(headerLine);
    String line;
    long n = 1;
    while ((line = r.readLine()) != null) {
      n++;
      if (line.isBlank()) {
        continue;
      }
      List<String> cells = Csv.split(line);
      Map<String, Object> rec = new LinkedHashMap<>();
      Map<String, String> edits = new LinkedHashMap<>();
      for (int i = 0; i < header.size() && i < cells.size(); i++) {
        String h = header.get(i).trim();
        String key = h.equals("source") ? "uri" : h;
        if (key.startsWith("edit:")) {
          if (!cells.get(i).isBlank()) {
            edits.put(key.substring(5), cells.get(i).trim());
          }
        } else {
          rec.put(key, cells.get(i));
        }
      }
      rec.put("edits", edits);
      rec.put("_line", n);
      out.add(rec);
    }
  }

  private static void readJson(BufferedReader r, boolean lines, List<Map<String, Object>> out) throws IOException {
    if (lines) {
      String line;
      long n = 0;
      while ((line = r.readLine()) != null) {
        n++;
        if (!line.isBlank()) {
          try {
            out.add(record(JSON.readTree(line), n));
          } catch (IOException e) {
            String why = e.getMessage() == null ? "malformed" : e.getMessage().lines().findFirst().orElse("malformed");
            out.add(new LinkedHashMap<>(Map.of("_line", n, "_error", why)));
          }
        }
      }
      return;
    }
    JsonNode array = JSON.readTree(r);
    long n = 0;
    for (JsonNode node : array) {
      out.add(record(node, ++n));
    }
  }

  private static Map<String, Object> record(JsonNode node, long line) {
    Map<String, Object> rec = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      String key = f.getKey().equals("source") ? "uri" : f.getKey();
      if (key.equals("edits") && f.getValue().isObject()) {
        Map<String, String> edits = new LinkedHashMap<>();
        f.getValue().fields().forEachRemaining(e -> edits.put(e.getKey(), e.getValue().asText()));
        rec.put("edits", edits);
      } else {
        rec.put(key, f.getValue().asText());
      }
    }
    rec.put("_line", line);
    return rec;
  }
}
