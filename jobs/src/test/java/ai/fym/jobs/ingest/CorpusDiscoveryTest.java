package ai.fym.jobs.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fym.udfs.ingest.ClipInput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusDiscoveryTest {
  private final CorpusDiscovery discovery = new CorpusDiscovery(new Configuration());

  @Test
  void folderLayoutGivesIdentityClipAndFrameFolders(@TempDir Path root) throws Exception {
    touch(root.resolve("alice/talk.mp4"));
    touch(root.resolve("alice/notes.txt"));
    touch(root.resolve("alice/.DS_Store"));
    touch(root.resolve("bob/frames/0001.png"));
    touch(root.resolve("bob/empty/readme.md"));
    touch(root.resolve("carol.webm"));
    touch(root.resolve("bad\u0001name/x.mkv"));
    Discovery d = discovery.discover(root.toString());
    Map<String, ClipInput> byKey = d.clips().stream()
        .collect(Collectors.toMap(c -> c.identity() + "/" + c.clip(), c -> c));
    assertEquals(List.of("alice/talk", "bob/frames", "carol/carol"), byKey.keySet().stream().sorted().toList());
    assertTrue(byKey.get("alice/talk").uri().startsWith("file:/"), byKey.get("alice/talk").uri());
    assertEquals(2, d.ignoredFiles(), "notes.txt and the folder without frames");
    assertEquals(1, d.quarantine().size());
    Row q = d.quarantine().get(0);
    assertEquals("UNSAFE_NAME", q.getString(4));
    assertTrue(q.getString(5).contains("\\u0001"), q.getString(5));
  }

  @Test
  void csvManifestResolvesRelativeUrisEditsAndSubjectAndQuarantinesBadLines(@TempDir Path root) throws Exception {
    touch(root.resolve("videos/a.mp4"));
    touch(root.resolve("edited/a_relit.mp4"));
    Files.writeString(root.resolve("corpus.csv"), String.join("\n",
        "identity,clip,uri,subject,edit:relight",
        "alice,,videos/a.mp4,yes,edited/a_relit.mp4",
        "..,evil,videos/a.mp4,,",
        "bob,gone,videos/missing.mp4,,",
        ",nouri,,,"));
    Discovery d = discovery.discover(root.resolve("corpus.csv").toString());
    assertEquals(1, d.clips().size());
    ClipInput a = d.clips().get(0);
    assertEquals("alice", a.identity());
    assertEquals("a", a.clip());
    assertTrue(a.subject());
    assertTrue(a.edits().get("relight").endsWith("edited/a_relit.mp4"), a.edits().toString());
    List<String> reasons = d.quarantine().stream().map(r -> r.getString(4)).sorted().toList();
    assertEquals(List.of("BAD_MANIFEST", "UNREADABLE", "UNSAFE_NAME"), reasons);
  }

  @Test
  void jsonLinesManifest(@TempDir Path root) throws Exception {
    touch(root.resolve("b.mkv"));
    Files.writeString(root.resolve("m.jsonl"),
        "{\"identity\":\"bob\",\"uri\":\"b.mkv\",\"edits\":{\"grade\":\"b_graded.mkv\"}}\n\n");
    Discovery d = discovery.discover(root.resolve("m.jsonl").toString());
    assertEquals(1, d.clips().size());
    assertEquals("b", d.clips().get(0).clip());
    assertTrue(d.clips().get(0).edits().containsKey("grade"));
  }

  @Test
  void twoSourcesForOneClipKeepTheFirstAndQuarantineTheOther(@TempDir Path root) throws Exception {
    touch(root.resolve("alice/talk.avi"));
    touch(root.resolve("alice/talk.mp4"));
    Discovery d = discovery.discover(root.toString());
    assertEquals(1, d.clips().size());
    assertTrue(d.clips().get(0).uri().endsWith("talk.avi"));
    assertEquals("DUPLICATE_CLIP", d.quarantine().get(0).getString(4));
    assertTrue(d.quarantine().get(0).getString(5).contains("talk.avi"), d.quarantine().get(0).getString(5));
  }

  @Test
  void malformedManifestLinesAreQuarantinedAndTheRestIsKept(@TempDir Path root) throws Exception {
    touch(root.resolve("b.mkv"));
    Files.writeString(root.resolve("m.jsonl"), String.join("\n",
        "{\"identity\":\"bob\",\"uri\":\"b.mkv\"}",
        "{not json",
        "{\"identity\":\"carol\",\"uri\":\"bad%zz.mkv\"}",
        "{\"identity\":\"dave\",\"uri\":\"b.mkv\",\"clip\":\"other\",\"edits\":\"not an object\"}"));
    Discovery d = discovery.discover(root.resolve("m.jsonl").toString());
    assertEquals(List.of("bob"), d.clips().stream().map(ClipInput::identity).toList());
    assertEquals(List.of("BAD_MANIFEST", "BAD_MANIFEST", "BAD_MANIFEST"),
        d.quarantine().stream().map(r -> r.getString(4)).toList(), "not JSON, a bad uri, edits not an object");
  }

  private static void touch(Path p) throws Exception {
    Files.createDirectories(p.getParent());
    Files.write(p, new byte[] {0});
  }
}
