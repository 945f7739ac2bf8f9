package ai.fym.engine.trajectory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FieldFileTest {

  @Test
  void roundTripGivesTheSameDisplacements(@TempDir Path dir) throws Exception {
    TrajectorySettings settings = TinyShot.settings(40, 0);
    Path path = dir.resolve("field.fymt");
    float[] xyt = points(200, new Random(1));
    try (TrajectoryField field = TrajectoryField.create(settings, 40, 30, 9, Device.cpu())) {
      Random random = new Random(2);
      float[] decoder = field.decoder().params();
      for (int i = 0; i < decoder.length; i++) {
        decoder[i] = (float) (random.nextGaussian() * 0.3);
      }
      field.decoder().sync();
      float[] hash = field.hashParams();
      for (int i = 0; i < hash.length; i++) {
        hash[i] = (float) random.nextGaussian();
      }
      field.tablesChanged();
      float[] expected = field.displacement(xyt, 200);
      field.save(path);
      FieldFile.Loaded loaded = FieldFile.read(path, 1, Device.cpu());
      try (TrajectoryField back = loaded.field()) {
        assertEquals(settings.canonical(), back.settings().canonical());
        assertEquals(40, back.width());
        assertEquals(30, back.height());
        assertEquals(9, back.frames());
        assertEquals(40, loaded.step());
        assertNull(loaded.hashAdam());
        assertArrayEquals(expected, back.displacement(xyt, 200));
        assertArrayEquals(field.toFirst(4, 80, 60), back.toFirst(4, 80, 60));
      }
    }
    assertEquals(1, Files.list(dir).count(), "no temporary file left behind");
  }

  @Test
  void rejectsOtherFiles(@TempDir Path dir) throws IOException {
    Path path = dir.resolve("not-a-field");
    Files.write(path, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
    assertThrows(IOException.class, () -> FieldFile.read(path, 1, Device.cpu()));
  }

  static float[] points(int n, Random random) {
    float[] xyt = new float[3 * n];
    for (int i = 0; i < xyt.length; i++) {
      xyt[i] = random.nextFloat();
    }
    return xyt;
  }
}
