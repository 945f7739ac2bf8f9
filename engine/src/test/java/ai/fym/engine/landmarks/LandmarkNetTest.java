package ai.fym.engine.landmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fym.engine.geom.Box;
import ai.fym.engine.image.RgbImage;
import ai.fym.engine.testing.Samples;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LandmarkNetTest {
  private static RgbImage hopper;
  private static Box face;
  private static LandmarkNet net;

  @BeforeAll
  static void setUp() throws Exception {
    hopper = TestImages.read(Samples.graceHopper());
    face = HaarFaces.largestFace(hopper).orElseThrow(() -> new AssertionError("Haar found no face in Grace Hopper"));
    net = LandmarkNet.load();
  }

  @Test
  void printsPoints() {
    Landmarks68 lm = net.detect(hopper, face);
    System.out.println("face " + face + " bounds " + lm.bounds());
    System.out.println("eyes " + lm.leftEyeCenter() + " " + lm.rightEyeCenter() + " nose " + lm.noseTip()
        + " mouth " + lm.mouthCenter());
  }
}
