package ai.fym.udfs.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactStoreTest {
  @TempDir
  Path dir;

  @Test
  void everyPutGetsItsOwnNameInsideTheRootAndItsSha256() throws Exception {
    Path local = Files.writeString(dir.resolve("field.bin"), "abc");
    ArtifactStore store = new ArtifactStore(dir.resolve("out").toString(), Map.of());
    ArtifactStore.Artifact a = store.store(local, "trajectories/alice/talk/shot-0-h.face.field");
    ArtifactStore.Artifact b = store.store(local, "trajectories/alice/talk/shot-0-h.face.field");
    assertNotEquals(a.uri(), b.uri(), "two attempts never overwrite each other");
    for (ArtifactStore.Artifact x : List.of(a, b)) {
      Path p = Path.of(URI.create(x.uri()));
      assertTrue(p.startsWith(dir.resolve("out/trajectories/alice/talk")), p.toString());
      assertTrue(p.getFileName().toString().matches("shot-0-h\\.a0-[0-9a-f]{8}\\.face\\.field"), p.toString());
      assertEquals("abc", Files.readString(p));
    }
    assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", a.sha256(), "sha256 of abc");
    try (Stream<Path> files = Files.list(dir.resolve("out/trajectories/alice/talk"))) {
      assertEquals(2, files.count(), "no temporary file left");
    }
  }

  @Test
  void pathsLeavingTheRootAreRejected() throws Exception {
    Path local = Files.writeString(dir.resolve("x"), "x");
    ArtifactStore store = new ArtifactStore(dir.resolve("out").toString(), Map.of());
    for (String bad : List.of("../x.mp4", "edits/../../x.mp4", "/etc/x", "edits//x", "edits/.hidden",
        "edits/a\u0000b/x", "corrected/c:d/x.mp4")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> store.put(local, bad), bad);
      assertTrue(e.getMessage().contains("unsafe"), e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> store.localPath(bad), bad);
    }
    assertTrue(Files.notExists(dir.resolve("x.mp4")) && Files.notExists(dir.resolve("out")));
  }
}
