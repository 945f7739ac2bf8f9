package ai.fym.engine.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fym.engine.geom.Box;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CropSmootherTest {
  private static final int FRAMES = 120;

  /** A head swaying left and right (period 2 s at 24 fps) and slowly approaching the camera. */
  private static double trueX(int t) {
    return 300 + 60 * Math.sin(2 * Math.PI * t / 48.0);
  }

  private static double trueY(int t) {
    return 200 + 0.5 * t;
  }

  private static double trueSide(int t) {
    return 120 + 0.3 * t;
  }

  private static List<Box> noisyBoxes(double noise, long seed) {
    Random rnd = new Random(seed);
    List<Box> boxes = new ArrayList<>();
    for (int t = 0; t < FRAMES; t++) {
      double side = trueSide(t) + noise * rnd.nextGaussian();
      double cx = trueX(t) + noise * rnd.nextGaussian();
      double cy = trueY(t) + noise * rnd.nextGaussian();
      boxes.add(new Box((float) (cx - side / 2), (float) (cy - side / 2), (float) side, (float) side));
    }
    return boxes;
  }

  /** Standard deviation of the frame-to-frame change of the centre's x minus the true motion. */
  private static double jitter(List<Box> boxes) {
    double sum = 0;
    double sumSq = 0;
    for (int t = 1; t < boxes.size(); t++) {
      double d = boxes.get(t).centerX() - boxes.get(t - 1).centerX() - (trueX(t) - trueX(t - 1));
      sum += d;
      sumSq += d * d;
    }
    int n = boxes.size() - 1;
    return Math.sqrt(sumSq / n - (sum / n) * (sum / n));
  }

  private static double meanCentreError(List<Box> boxes) {
    double sum = 0;
    for (int t = 0; t < boxes.size(); t++) {
      sum += Math.hypot(boxes.get(t).centerX() - trueX(t), boxes.get(t).centerY() - trueY(t));
    }
    return sum / boxes.size();
  }

  @Test
  void removesJitterWithoutLag() {
    List<Box> raw = noisyBoxes(3.0, 11);
    List<Box> smooth = new CropSmoother().smooth(raw);
    double before = jitter(raw);
    double after = jitter(smooth);
    System.out.printf("jitter %.2f -> %.2f px, centre error %.2f -> %.2f px%n",
        before, after, meanCentreError(raw), meanCentreError(smooth));
    assertTrue(after < before / 3, "jitter " + before + " -> " + after);
    assertTrue(meanCentreError(smooth) < 0.6 * meanCentreError(raw));
    assertTrue(meanCentreError(smooth) < 2.5, "mean error " + meanCentreError(smooth));
    double signedX = 0;
    for (int t = 0; t < FRAMES; t++) {
      signedX += (smooth.get(t).centerX() - trueX(t)) * Math.signum(trueX(t + 1) - trueX(t));
    }
    assertTrue(Math.abs(signedX / FRAMES) < 0.5, "the crop lags the motion by " + signedX / FRAMES + " px");
  }

  @Test
  void followsSteadyMotionExactlyAndMakesSquaresOfTheChosenScale() {
    List<Box> boxes = new ArrayList<>();
    for (int t = 0; t < 40; t++) {
      boxes.add(new Box(10 + 4f * t, 20 - 2f * t, 100 + t, 90 + t));
    }
    List<Box> crops = new CropSmoother(2f, 3f, 6f).smooth(boxes);
    for (int t = 0; t < 40; t++) {
      Box face = boxes.get(t);
      Box crop = crops.get(t);
      assertEquals(face.centerX(), crop.centerX(), 1e-2f);
      assertEquals(face.centerY(), crop.centerY(), 1e-2f);
      assertEquals(crop.width(), crop.height(), 0f);
      assertEquals(2f * face.width(), crop.width(), 1e-2f);
    }
  }

  @Test
  void ignoresASingleWildDetection() {
    List<Box> boxes = new ArrayList<>(noisyBoxes(1.0, 5));
    Box normal = boxes.get(60);
    boxes.set(60, new Box(normal.x() + 150, normal.y() - 80, normal.width(), normal.height()));
    List<Box> crops = new CropSmoother().smooth(boxes);
    for (int t = 55; t <= 65; t++) {
      double error = Math.hypot(crops.get(t).centerX() - trueX(t), crops.get(t).centerY() - trueY(t));
      assertTrue(error < 3, "frame " + t + " pulled " + error + " px by the outlier");
    }
  }

  @Test
  void shortSequencesPassThrough() {
    Box only = new Box(10, 10, 50, 40);
    List<Box> crops = new CropSmoother().smooth(List.of(only));
    assertEquals(only.squareAround(CropSmoother.DEFAULT_SCALE), crops.get(0));
  }
}
