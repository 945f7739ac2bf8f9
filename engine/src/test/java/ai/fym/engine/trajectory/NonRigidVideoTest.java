package ai.fym.engine.trajectory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fym.engine.image.ImageCodec;
import ai.fym.engine.image.RgbImage;
import ai.fym.engine.testing.Samples;
import org.junit.jupiter.api.Test;

class NonRigidVideoTest {
  private static final int W = 64;
  private static final int H = 48;
  private static final int FRAMES = 20;

  @Test
  void frameZeroIsItsOwnTruthAndLaterFramesMoveNonRigidly() throws Exception {
    NonRigidVideo video = NonRigidVideo.of(ImageCodec.read(Samples.graceHopper()), W, H, FRAMES, 0.05, 3);
    float[] identity = video.truthToFirst(0);
    for (int y = 0, i = 0; y < H; y++) {
      for (int x = 0; x < W; x++, i++) {
        assertEquals(x, identity[2 * i], 1e-4);
        assertEquals(y, identity[2 * i + 1], 1e-4);
      }
    }
    float[] truth = video.truthToFirst(FRAMES / 2);
    double largest = 0;
    double spread = 0;
    for (int i = 0; i < W * H; i++) {
      double dx = truth[2 * i] - identity[2 * i];
      double dy = truth[2 * i + 1] - identity[2 * i + 1];
      largest = Math.max(largest, Math.hypot(dx, dy));
      spread = Math.max(spread, Math.abs(dx - (truth[0] - identity[0])));
    }
    assertTrue(largest > 2 && largest < 15, "largest displacement " + largest);
    assertTrue(spread > 1, "not a rigid translation: spread " + spread);
  }

  @Test
  void eachFrameShowsFrameZeroAtTheTruePositions() throws Exception {
    NonRigidVideo video = NonRigidVideo.of(ImageCodec.read(Samples.graceHopper()), W, H, FRAMES, 0.05, 3);
    RgbImage first = video.frame(0);
    for (int t = 1; t < FRAMES; t += 6) {
      RgbImage frame = video.frame(t);
      float[] truth = video.truthToFirst(t);
      int compared = 0;
      for (int i = 0; i < W * H; i++) {
        float x = truth[2 * i];
        float y = truth[2 * i + 1];
        if (x < 0 || y < 0 || x > W - 1 || y > H - 1) {
          continue;
        }
        compared++;
        for (int c = 0; c < 3; c++) {
          assertEquals(bilinear(first, x, y, c), frame.rgb()[3 * i + c] & 0xff, 1.01, "frame " + t + " pixel " + i);
        }
      }
      assertTrue(compared > W * H / 2, "frame " + t + " mostly inside frame 0");
    }
  }

  @Test
  void deformationNeverFolds() throws Exception {
    NonRigidVideo video = NonRigidVideo.of(ImageCodec.read(Samples.graceHopper()), W, H, FRAMES, 0.05, 3);
    double[] a = new double[2];
    double[] b = new double[2];
    double[] c = new double[2];
    for (int t = 0; t < FRAMES; t++) {
      for (int y = 0; y < H; y += 2) {
        for (int x = 0; x < W; x += 2) {
          video.displacement(x, y, t, a);
          video.displacement(x + 0.01, y, t, b);
          video.displacement(x, y + 0.01, t, c);
          double xx = 1 + (b[0] - a[0]) / 0.01;
          double xy = (c[0] - a[0]) / 0.01;
          double yx = (b[1] - a[1]) / 0.01;
          double yy = 1 + (c[1] - a[1]) / 0.01;
          assertTrue(xx * yy - xy * yx > 0.2, "Jacobian determinant at " + x + "," + y + " frame " + t);
        }
      }
    }
  }

  private static double bilinear(RgbImage image, float x, float y, int c) {
    int x0 = (int) Math.floor(x);
    int y0 = (int) Math.floor(y);
    float ax = x - x0;
    float ay = y - y0;
    double top = image.get(x0, y0, c) * (1 - ax) + image.get(x0 + 1, y0, c) * ax;
    double bottom = image.get(x0, y0 + 1, c) * (1 - ax) + image.get(x0 + 1, y0 + 1, c) * ax;
    return top * (1 - ay) + bottom * ay;
  }
}
