package ai.fym.engine.avatar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PhotometricLossTest {
  private static final int W = 13;
  private static final int H = 9;

  @Test
  void identicalImagesHaveZeroLossAndUnitSsim() {
    float[] image = random(new Random(1));
    PhotometricLoss loss = new PhotometricLoss(W, H, 3);
    assertEquals(1.0, loss.ssim(image, image), 1e-5);
    assertEquals(0.0, loss.evaluate(image, image.clone(), 0.2f, new float[image.length]), 1e-5);
  }

  @Test
  void gradientMatchesFiniteDifferences() {
    Random random = new Random(7);
    float[] image = random(random);
    float[] target = random(random);
    PhotometricLoss loss = new PhotometricLoss(W, H, 3);
    float[] gradient = new float[image.length];
    loss.evaluate(image, target, 0.2f, gradient);
    double h = 1e-3;
    for (int trial = 0; trial < 40; trial++) {
      int i = random.nextInt(image.length);
      if (Math.abs(image[i] - target[i]) < 5 * h) {
        continue; // L1 has a kink there
      }
      float keep = image[i];
      image[i] = (float) (keep + h);
      double plus = loss.evaluate(image, target, 0.2f, new float[image.length]);
      image[i] = (float) (keep - h);
      double minus = loss.evaluate(image, target, 0.2f, new float[image.length]);
      image[i] = keep;
      double numeric = (plus - minus) / (2 * h);
      assertEquals(numeric, gradient[i], 2e-3 * Math.abs(numeric) + 2e-6, "pixel value " + i);
    }
  }

  @Test
  void ssimFallsAsTheImageDegrades() {
    Random random = new Random(3);
    float[] target = random(random);
    float[] slightly = target.clone();
    float[] badly = target.clone();
    for (int i = 0; i < target.length; i++) {
      float noise = (float) random.nextGaussian();
      slightly[i] += 0.02f * noise;
      badly[i] += 0.2f * noise;
    }
    PhotometricLoss loss = new PhotometricLoss(W, H, 3);
    assertTrue(loss.ssim(slightly, target) > loss.ssim(badly, target) + 0.1);
  }

  private static float[] random(Random random) {
    float[] image = new float[W * H * 3];
    for (int i = 0; i < image.length; i++) {
      image[i] = random.nextFloat();
    }
    return image;
  }
}
