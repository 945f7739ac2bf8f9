package ai.fym.engine.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fym.engine.errors.FymException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TfjsWeightsTest {
  private static final String RECOGNITION = "faceapi/face_recognition_model-weights_manifest.json";

  @Test
  void loadsQuantizedAndPlainFloatTensorsOfTheRecognitionModel() throws Exception {
    TfjsWeights w = TfjsWeights.load(ModelResources::read, RECOGNITION);
    assertEquals(117, w.count());
    assertEquals(256 * 128, w.get("fc", 256, 128).size());
    // stored as raw float32 in the manifest (no quantization entry)
    float[] plain = w.get("conv64_down/conv1/conv/filters", 3, 3, 32, 64).values();
    double energy = 0;
    for (float v : plain) {
      assertTrue(Float.isFinite(v) && Math.abs(v) < 10, "implausible weight " + v);
      energy += v * v;
    }
    assertTrue(energy > 0, "all-zero float32 tensor");
    // uint8-quantized: every value is min + q * scale with q in 0..255
    for (float v : w.get("conv32_down/scale/weights", 32).values()) {
      assertTrue(v >= 5.7886f && v <= 5.7887f + 255 * 0.068145f, "dequantized value out of range: " + v);
    }
  }

  @Test
  void aModifiedManifestIsAnIntegrityError() {
    ModelResources.Reader tampered = path -> path.endsWith(".json")
        ? new String(ModelResources.read(path), StandardCharsets.UTF_8).replace("\"fc\"", "\"fd\"")
            .getBytes(StandardCharsets.UTF_8)
        : ModelResources.read(path);
    FymException e = assertThrows(FymException.class, () -> TfjsWeights.load(tampered, RECOGNITION));
    assertEquals(FymException.Reason.MODEL_INTEGRITY, e.reason());
  }

  @Test
  void aFileMissingFromTheChecksumListIsAnIntegrityError() {
    FymException e = assertThrows(FymException.class,
        () -> ModelResources.readVerified(path -> new byte[] {1, 2, 3}, "faceapi/unlisted.bin"));
    assertEquals(FymException.Reason.MODEL_INTEGRITY, e.reason());
  }

  @Test
  void anUnreadableFileIsReportedAsSuch() {
    FymException e = assertThrows(FymException.class,
        () -> ModelResources.readVerified(ModelResources::read, "faceapi/does-not-exist.bin"));
    assertEquals(FymException.Reason.UNREADABLE, e.reason());
  }
}
