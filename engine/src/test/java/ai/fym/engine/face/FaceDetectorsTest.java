package ai.fym.engine.face;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fym.engine.geom.Box;
import ai.fym.engine.image.ImageCodec;
import ai.fym.engine.image.RgbImage;
import ai.fym.engine.testing.Samples;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FaceDetectorsTest {

  @Test
  void blazeFaceFindsGraceHopper() throws Exception {
    RgbImage portrait = ImageCodec.read(Samples.graceHopper());
    try (FaceDetector detector = FaceDetectors.blazeFace(FaceDetectors.DEFAULT_MIN_SCORE)) {
      List<FaceDetection> faces = detector.detect(portrait);
      assertEquals(1, faces.size());
      FaceDetection face = faces.get(0);
      assertTrue(face.score() > 0.7f, "score " + face.score());
      Box b = face.box();
      assertTrue(b.width() > 100 && b.width() < 400 && b.height() > 100 && b.height() < 400, "size " + b);
      assertEquals(6, face.keypointCount());
      for (int eye = 0; eye < 2; eye++) {
        float x = face.keypointX(eye);
        float y = face.keypointY(eye);
        assertTrue(x > b.x() && x < b.x() + b.width() && y > b.y() && y < b.y() + b.height(),
            "eye " + eye + " outside " + b);
      }
      assertTrue(face.keypointX(0) < face.keypointX(1), "subject's right eye should be on the image left");
      assertTrue(face.keypointY(3) > face.keypointY(2), "mouth should be below the nose");
    }
  }

  @Test
  void noFaceInGreyOrNoise() throws Exception {
    RgbImage grey = new RgbImage(640, 480, filled(640 * 480 * 3, (byte) 128));
    byte[] noise = new byte[640 * 480 * 3];
    new Random(7).nextBytes(noise);
    try (FaceDetector detector = FaceDetectors.withFallback(FaceDetectors.DEFAULT_MIN_SCORE)) {
      assertTrue(detector.detect(grey).isEmpty(), "face in a uniform grey image");
      assertTrue(detector.detect(new RgbImage(640, 480, noise)).isEmpty(), "face in random noise");
    }
  }

  @Test
  void haarAgreesWithBlazeFaceOnGraceHopper() throws Exception {
    RgbImage portrait = ImageCodec.read(Samples.graceHopper());
    try (FaceDetector blaze = FaceDetectors.blazeFace(FaceDetectors.DEFAULT_MIN_SCORE);
        FaceDetector haar = FaceDetectors.haar()) {
      Box reference = blaze.detect(portrait).get(0).box();
      List<FaceDetection> faces = haar.detect(portrait);
      assertEquals(1, faces.size(), "Haar faces: " + faces);
      FaceDetection face = faces.get(0);
      assertEquals("haar", face.detector());
      assertEquals(0, face.keypoints().length);
      assertTrue(face.score() > 0f && face.score() < 1f, "score " + face.score());
      float iou = face.box().iou(reference);
      assertTrue(iou > 0.4f, "IoU " + iou + " between " + face.box() + " and " + reference);
    }
  }

  @Test
  void nonSquareFramesMapBoxesBackToFramePixels() throws Exception {
    RgbImage portrait = ImageCodec.read(Samples.graceHopper());
    RgbImage wide = padRight(portrait, 400);
    try (FaceDetector detector = FaceDetectors.blazeFace(FaceDetectors.DEFAULT_MIN_SCORE)) {
      Box square = detector.detect(portrait).get(0).box();
      List<FaceDetection> faces = detector.detect(wide);
      assertEquals(1, faces.size());
      Box box = faces.get(0).box();
      assertTrue(box.iou(square) > 0.8f, box + " vs " + square);
    }
  }

  private static byte[] filled(int n, byte value) {
    byte[] b = new byte[n];
    Arrays.fill(b, value);
    return b;
  }

  /** The image with {@code extra} grey columns appended on the right: same face, wider frame. */
  private static RgbImage padRight(RgbImage image, int extra) {
    int w = image.width() + extra;
    byte[] out = filled(w * image.height() * 3, (byte) 90);
    for (int y = 0; y < image.height(); y++) {
      System.arraycopy(image.rgb(), y * image.width() * 3, out, y * w * 3, image.width() * 3);
    }
    return new RgbImage(w, image.height(), out);
  }
}
