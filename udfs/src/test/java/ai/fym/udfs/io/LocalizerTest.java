package ai.fym.udfs.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fym.engine.errors.FymException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalizerTest {
  private final Localizer localizer = new Localizer(Map.of());

  @Test
  void localFileIsUsedInPlaceWithItsSha256(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("a.mp4");
    Files.writeString(f, "abc", StandardCharsets.UTF_8);
    try (Localizer.Local local = localizer.localize(f.toUri().toString(), dir)) {
      assertEquals(f, local.path());
      assertFalse(local.temporary());
      assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", local.sha256());
    }
    assertTrue(Files.exists(f), "a source file is never deleted");
  }

  @Test
  void nonLocalSchemeIsCopiedToATemporaryFileThatCloseRemoves(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("src.avi");
    Files.write(f, new byte[] {1, 2, 3, 4});
    // viewfs is a real Hadoop file system with its own scheme; here it mounts the temp folder.
    Localizer viaViewFs = new Localizer(Map.of("fs.viewfs.mounttable.fymtest.link./data", dir.toUri().toString()));
    Localizer.Local local = viaViewFs.localize("viewfs://fymtest/data/src.avi", dir);
    assertTrue(local.temporary());
    assertNotEquals(f, local.path());
    assertEquals(4, Files.size(local.path()));
    local.close();
    assertFalse(Files.exists(local.path()));
  }

  @Test
  void frameFolderHashChangesWhenAFrameChanges(@TempDir Path dir) throws Exception {
    Path frames = Files.createDirectories(dir.resolve("frames"));
    Files.write(frames.resolve("0001.png"), new byte[] {1});
    Files.write(frames.resolve("0002.png"), new byte[] {2});
    String before = localizer.localize(frames.toString(), dir).sha256();
    Files.write(frames.resolve("0002.png"), new byte[] {3});
    assertNotEquals(before, localizer.localize(frames.toString(), dir).sha256());
  }

  @Test
  void missingSourceIsUnreadable(@TempDir Path dir) {
    FymException e = assertThrows(FymException.class,
        () -> localizer.localize(dir.resolve("nope.mp4").toUri().toString(), dir));
    assertEquals(FymException.Reason.UNREADABLE, e.reason());
    assertTrue(e.getMessage().contains("nope.mp4"));
  }
}
