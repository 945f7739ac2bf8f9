package ai.fym.engine.track;

import static org.bytedeco.opencv.global.opencv_core.BORDER_REPLICATE;
import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.warpAffine;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fym.engine.geom.Box;
import ai.fym.engine.image.ImageCodec;
import ai.fym.engine.image.RgbImage;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.Test;

class CropTransformTest {
  private static final CropTransform T = CropTransform.of(new Box(40.3f, 60.7f, 100f, 100f), 64);

  /** A 256 x 256 image whose red channel is the pixel's column and green channel its row. */
  private static RgbImage ramp() {
    byte[] rgb = new byte[256 * 256 * 3];
    for (int y = 0; y < 256; y++) {
      for (int x = 0; x < 256; x++) {
        rgb[(y * 256 + x) * 3] = (byte) x;
        rgb[(y * 256 + x) * 3 + 1] = (byte) y;
      }
    }
    return new RgbImage(256, 256, rgb);
  }

  @Test
  void roundTripsFrameToCropToFrame() {
    for (float x = -50; x < 300; x += 17.3f) {
      for (float y = -20; y < 300; y += 23.1f) {
        float[] uv = T.toCrop(x, y);
        float[] back = T.toFrame(uv[0], uv[1]);
        assertEquals(x, back[0], 1e-3f);
        assertEquals(y, back[1], 1e-3f);
      }
    }
    assertArrayEquals(new float[] {0f, 0f}, T.toCrop(40.3f, 60.7f), 1e-4f);
    assertArrayEquals(new float[] {64f, 64f}, T.toCrop(140.3f, 160.7f), 1e-3f);
  }

  @Test
  void storesAsFourNumbers() {
    assertEquals(T, CropTransform.fromArray(T.toArray()));
    assertEquals(new Box(40.3f, 60.7f, 100f, 100f), T.window());
    assertThrows(IllegalArgumentException.class, () -> CropTransform.fromArray(new float[] {1, 2, 3}));
    assertThrows(IllegalArgumentException.class, () -> CropTransform.of(new Box(0, 0, 10, 20), 64));
  }

  @Test
  void cropSamplesTheFramePointThatToFrameNames() {
    RgbImage crop = T.crop(ramp());
    for (int v = 0; v < 64; v++) {
      for (int u = 0; u < 64; u++) {
        float[] xy = T.toFrame(u + 0.5f, v + 0.5f);
        assertEquals(xy[0] - 0.5f, crop.get(u, v, 0), 0.51f, "red at crop " + u + "," + v);
        assertEquals(xy[1] - 0.5f, crop.get(u, v, 1), 0.51f, "green at crop " + u + "," + v);
      }
    }
  }

  @Test
  void aMarkedSpotLandsWhereToCropSays() {
    RgbImage frame = RgbImage.blank(200, 150);
    int px = 121;
    int py = 81;
    for (int y = py - 1; y <= py + 1; y++) {
      for (int x = px - 1; x <= px + 1; x++) {
        frame.rgb()[(y * 200 + x) * 3] = (byte) 255;
      }
    }
    CropTransform zoom = CropTransform.of(new Box(100, 70, 32, 32), 128);
    RgbImage crop = zoom.crop(frame);
    float[] uv = zoom.toCrop(px + 0.5f, py + 0.5f);
    int u = (int) Math.floor(uv[0]);
    int v = (int) Math.floor(uv[1]);
    assertEquals(255, crop.get(u, v, 0), "marker missing at crop " + u + "," + v);
    assertEquals(0, crop.get(u, v, 1));
    assertEquals(0, crop.get(u + 16, v, 0));
    assertEquals(0, crop.get(u, v - 16, 0));
  }

  @Test
  void affineMatchesOpenCvWarp() {
    RgbImage frame = ramp();
    byte[] expected = new byte[T.size() * T.size() * 3];
    byte[] warped = new byte[expected.length];
    try (Mat src = ImageCodec.toBgr(frame);
        Mat cropped = ImageCodec.toBgr(T.crop(frame));
        DoublePointer values = new DoublePointer(T.affine());
        Mat matrix = new Mat(2, 3, CV_64F, values);
        Mat dst = new Mat();
        Size size = new Size(T.size(), T.size());
        Scalar border = new Scalar()) {
      warpAffine(src, dst, matrix, size, INTER_LINEAR, BORDER_REPLICATE, border);
      cropped.data().get(expected);
      dst.data().get(warped);
    }
    int worst = 0;
    for (int i = 0; i < expected.length; i++) {
      worst = Math.max(worst, Math.abs((expected[i] & 0xff) - (warped[i] & 0xff)));
    }
    assertTrue(worst <= 1, "warpAffine differs from crop() by up to " + worst);
  }
}
