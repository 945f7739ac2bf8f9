package ai.fym.engine.landmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fym.engine.errors.FymException;
import ai.fym.engine.geom.Box;
import ai.fym.engine.image.ImageCodec;
import ai.fym.engine.image.RgbImage;
import ai.fym.engine.nn.ModelResources;
import ai.fym.engine.nn.TfjsWeights;
import ai.fym.engine.testing.Samples;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LandmarkNetTest {
  private static RgbImage hopper;
  private static Box face;
  private static LandmarkNet net;

  @BeforeAll
  static void setUp() throws Exception {
    hopper = ImageCodec.read(Samples.graceHopper());
    face = Samples.largestHaarFace(hopper).orElseThrow(() -> new AssertionError("Haar found no face in Grace Hopper"));
    net = LandmarkNet.load();
  }

  @Test
  void landmarksOfGraceHopperHaveAFaceLayout() {
    Landmarks68 lm = net.detect(hopper, face);
    assertPlausibleFace(lm, face);
  }

  @Test
  void landmarksBarelyMoveWhenTheBoxIsShiftedOrScaled() {
    Landmarks68 base = net.detect(hopper, face);
    float side = face.width();
    Box[] boxes = {
        new Box(face.x() + 0.05f * side, face.y(), face.width(), face.height()),
        new Box(face.x(), face.y() - 0.05f * side, face.width(), face.height()),
        face.squareAround(1.1f),
        face.squareAround(0.92f),
    };
    for (Box box : boxes) {
      Landmarks68 moved = net.detect(hopper, box);
      assertPlausibleFace(moved, box);
      double mean = 0;
      for (int i = 0; i < Landmarks68.COUNT; i++) {
        mean += Math.hypot(moved.x(i) - base.x(i), moved.y(i) - base.y(i)) / Landmarks68.COUNT;
      }
      assertTrue(mean < 0.05 * side, "points moved " + mean + " px on average for box " + box);
    }
  }

  @Test
  void concurrentCallsGiveTheSameResultAsOneThread() throws Exception {
    float[] expected = net.detect(hopper, face).xy();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<float[]>> results = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        Box box = i % 2 == 0 ? face : face.squareAround(1.1f);
        results.add(pool.submit(() -> net.detect(hopper, box).xy()));
      }
      float[] other = net.detect(hopper, face.squareAround(1.1f)).xy();
      for (int i = 0; i < results.size(); i++) {
        assertArrayEquals(i % 2 == 0 ? expected : other, results.get(i).get());
      }
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void bundledWeightsHaveTheExpectedTensors() throws Exception {
    TfjsWeights w = TfjsWeights.load(ModelResources::read, LandmarkNet.MANIFEST);
    assertEquals(49, w.count());
    assertEquals(3 * 3 * 3 * 32, w.get("dense0/conv0/filters", 3, 3, 3, 32).size());
    assertEquals(256 * 256, w.get("dense3/conv3/pointwise_filter", 1, 1, 256, 256).size());
    assertEquals(256 * 136, w.get("fc/weights", 256, 136).size());
    float[] bias = w.get("fc/bias", 136).values();
    for (float b : bias) {
      // manifest quantization: min 0.0768..., scale 0.00251 (255 steps)
      assertTrue(b >= 0.0768f && b <= 0.0769f + 255 * 0.0025085f, "dequantized bias out of range: " + b);
    }
    assertThrows(IllegalStateException.class, () -> w.get("fc/weights", 136, 256));
  }

  @Test
  void aDamagedModelFileIsAnIntegrityError() {
    ModelResources.Reader corrupting = path -> {
      byte[] bytes = ModelResources.read(path);
      if (path.endsWith(".bin")) {
        bytes[bytes.length / 2] ^= 0x40;
      }
      return bytes;
    };
    FymException e = assertThrows(FymException.class, () -> LandmarkNet.load(corrupting));
    assertEquals(FymException.Reason.MODEL_INTEGRITY, e.reason());
    assertTrue(e.getMessage().contains("face_landmark_68_model.bin"), e.getMessage());
  }

  @Test
  void rejectsAnEmptyBox() {
    assertThrows(IllegalArgumentException.class, () -> net.detect(hopper, new Box(10, 10, 0, 20)));
  }

  private static void assertPlausibleFace(Landmarks68 lm, Box box) {
    Box allowed = box.squareAround(1.15f);
    for (int i = 0; i < Landmarks68.COUNT; i++) {
      assertTrue(lm.x(i) >= allowed.x() && lm.x(i) <= allowed.x() + allowed.width()
          && lm.y(i) >= allowed.y() && lm.y(i) <= allowed.y() + allowed.height(),
          "point " + i + " " + lm.point(i) + " outside " + allowed);
    }
    Landmarks68.Point left = lm.leftEyeCenter();
    Landmarks68.Point right = lm.rightEyeCenter();
    Landmarks68.Point nose = lm.noseTip();
    Landmarks68.Point mouth = lm.mouthCenter();
    assertTrue(left.x() < right.x(), "left eye " + left + " not left of right eye " + right);
    assertTrue(Math.max(left.y(), right.y()) < nose.y(), "eyes not above the nose tip");
    assertTrue(nose.y() < mouth.y(), "nose tip not above the mouth");
    assertTrue(left.x() < nose.x() && nose.x() < right.x(), "nose tip not between the eyes");
    float jawSpan = lm.x(16) - lm.x(0);
    assertTrue(jawSpan > 0.6f * box.width(), "jaw spans only " + jawSpan + " of " + box.width());
    assertTrue(lm.y(8) > mouth.y(), "chin not below the mouth");
  }
}
