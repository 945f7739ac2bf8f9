package ai.fym.engine.face;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fym.engine.errors.FymException;
import org.junit.jupiter.api.Test;

class ModelResourcesTest {

  @Test
  void bundledBlazeFaceMatchesItsChecksum() throws Exception {
    byte[] model = ModelResources.verifiedModel(BlazeFaceDetector.MODEL);
    assertEquals(229_032, model.length);
  }

  @Test
  void fileWithoutChecksumIsRefused() {
    FymException e = assertThrows(FymException.class, () -> ModelResources.verifiedModel("faceapi/LICENSE"));
    assertEquals(FymException.Reason.MODEL_INTEGRITY, e.reason());
    assertTrue(e.getMessage().contains("faceapi/LICENSE"), e.getMessage());
  }

  @Test
  void missingResourceIsAPackagingError() {
    assertThrows(IllegalStateException.class, () -> ModelResources.read("ai/fym/models/nope.bin"));
  }
}
