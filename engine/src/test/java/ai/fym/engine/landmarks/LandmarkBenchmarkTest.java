package ai.fym.engine.landmarks;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fym.engine.geom.Box;
import ai.fym.engine.image.ImageCodec;
import ai.fym.engine.image.RgbImage;
import ai.fym.engine.testing.Samples;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LandmarkBenchmarkTest {
  @Test
  void measuresSingleThreadedTimePerFace() throws Exception {
    RgbImage hopper = ImageCodec.read(Samples.graceHopper());
    Box face = Samples.largestHaarFace(hopper).orElseThrow();
    double[] runs = new double[3];
    for (int i = 0; i < runs.length; i++) {
      runs[i] = LandmarkBenchmark.msPerFace(hopper, face, i == 0 ? 50 : 10, 100);
    }
    Arrays.sort(runs);
    System.out.printf("landmarks ms/face over 3 runs of 100: best %.2f median %.2f all %s%n",
        runs[0], runs[runs.length / 2], Arrays.toString(runs));
    assertTrue(runs[0] > 0 && runs[0] < 1000, "implausible timing " + runs[0]);
    assertThrows(IllegalArgumentException.class, () -> LandmarkBenchmark.msPerFace(hopper, face, 0, 0));
  }
}
