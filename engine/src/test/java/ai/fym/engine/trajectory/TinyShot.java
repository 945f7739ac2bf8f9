package ai.fym.engine.trajectory;

import ai.fym.engine.hashgrid.HashGridConfig;
import ai.fym.engine.image.RgbImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Small settings and a synthetic translating shot, so trajectory tests train in seconds. */
final class TinyShot {
  static final int WIDTH = 48;
  static final int HEIGHT = 36;
  /** Per frame, the pattern moves by (-DX, -DY): pixel p of frame t was at p + t * (DX, DY) in frame 0. */
  static final float DX = 1f;
  static final float DY = -0.5f;
  private static final int BLOBS = 60;

  private TinyShot() {}

  /** Levels 8, F 2, log2T 12, a 16-wide decoder, working size 48, batch 256. */
  static TrajectorySettings settings(int steps, int checkpointEvery) {
    return new TrajectorySettings(new HashGridConfig(8, 2, 12, 4, 1.5), 16, 2, 48, steps, 256, 0.01, 0.003, 0.5,
        1, 1, 1, checkpointEvery, 7, 2);
  }

  /**
   * {@code frames} frames of a smooth, non-repeating pattern (random colour blobs, so flow is unambiguous)
   * gliding by (-DX, -DY) per frame.
   */
  static List<RgbImage> translating(int frames) {
    Random random = new Random(11);
    double[][] blobs = new double[BLOBS][];
    for (int k = 0; k < BLOBS; k++) {
      blobs[k] = new double[] {-10 + (WIDTH + 20) * random.nextDouble(), -10 + (HEIGHT + 20) * random.nextDouble(),
          2 + 3 * random.nextDouble(), 200 * random.nextDouble() - 100, 200 * random.nextDouble() - 100,
          200 * random.nextDouble() - 100};
    }
    List<RgbImage> out = new ArrayList<>();
    for (int t = 0; t < frames; t++) {
      byte[] rgb = new byte[3 * WIDTH * HEIGHT];
      for (int y = 0, i = 0; y < HEIGHT; y++) {
        for (int x = 0; x < WIDTH; x++, i++) {
          double[] c = {128, 128, 128};
          for (double[] b : blobs) {
            double du = x + t * DX - b[0];
            double dv = y + t * DY - b[1];
            double weight = Math.exp(-(du * du + dv * dv) / (2 * b[2] * b[2]));
            for (int k = 0; k < 3; k++) {
              c[k] += weight * b[3 + k];
            }
          }
          for (int k = 0; k < 3; k++) {
            rgb[3 * i + k] = (byte) Math.max(0, Math.min(255, Math.round(c[k])));
          }
        }
      }
      out.add(new RgbImage(WIDTH, HEIGHT, rgb));
    }
    return out;
  }

  /** Mean distance between a field's frame-to-first mapping and the truth, where that lies inside frame 0. */
  static double endPointError(TrajectoryField field) {
    double sum = 0;
    long count = 0;
    for (int t = 1; t < field.frames(); t++) {
      float[] where = field.toFirst(t, WIDTH, HEIGHT);
      for (int y = 0, i = 0; y < HEIGHT; y++) {
        for (int x = 0; x < WIDTH; x++, i++) {
          double tx = x + t * DX;
          double ty = y + t * DY;
          if (tx >= 0 && ty >= 0 && tx <= WIDTH - 1 && ty <= HEIGHT - 1) {
            sum += Math.hypot(where[2 * i] - tx, where[2 * i + 1] - ty);
            count++;
          }
        }
      }
    }
    return sum / count;
  }
}
