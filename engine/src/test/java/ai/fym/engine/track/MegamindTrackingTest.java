package ai.fym.engine.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fym.engine.face.FaceDetection;
import ai.fym.engine.face.FaceDetector;
import ai.fym.engine.face.FaceDetectors;
import ai.fym.engine.geom.Box;
import ai.fym.engine.image.RgbImage;
import ai.fym.engine.testing.Samples;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The whole face chain on the real Megamind clip: detection with fallback, tracking within shots, and
 * smoothed crops. Shot cuts come from a plain mean-absolute-difference threshold between consecutive
 * thumbnails, enough for this clip's hard cuts (within shots the difference stays under 6, at the cuts
 * it is 34 to 46). Prints the tracks: how many identities to expect.
 */
class MegamindTrackingTest {
  private static final int THUMB = 64;
  /** Mean absolute luma difference (0..255) between consecutive thumbnails that marks a hard cut. */
  private static final double CUT_THRESHOLD = 20;

  @Test
  void tracksTheFacesOfEachShot() throws Exception {
    List<RgbImage> frames = Samples.frames(Samples.megamind());
    List<Integer> cuts = new ArrayList<>();
    List<Track> tracks = new ArrayList<>();
    FaceTracker tracker = new FaceTracker();
    try (FaceDetector detector = FaceDetectors.withFallback(FaceDetectors.DEFAULT_MIN_SCORE)) {
      float[] previous = null;
      for (int f = 0; f < frames.size(); f++) {
        float[] thumb = lumaThumbnail(frames.get(f));
        double difference = previous == null ? 0 : meanAbsDifference(previous, thumb);
        if (difference > CUT_THRESHOLD) {
          cuts.add(f);
          tracks.addAll(tracker.finishShot());
        }
        previous = thumb;
        List<FaceDetection> faces = detector.detect(frames.get(f));
        tracker.observe(f, faces);
      }
    }
    tracks.addAll(tracker.finishShot());
    System.out.println("cuts at frames " + cuts);
    assertEquals(List.of(1, 98, 154, 200), cuts, "the clip's black first frame and its three hard cuts");

    CropSmoother smoother = new CropSmoother();
    for (Track t : tracks) {
      List<Box> crops = smoother.smooth(t);
      assertEquals(t.length(), crops.size());
      Box mid = t.boxes().get(t.length() / 2);
      System.out.printf(Locale.ROOT, "track %d frames %d-%d (%d detected), mean face side %.0f px,"
          + " mid centre (%.0f, %.0f), centre jerk %.2f px raw -> %.2f px smoothed%n",
          t.id(), t.firstFrame(), t.lastFrame(), t.detectedFrames(), t.meanSide(), mid.centerX(),
          mid.centerY(), meanJerk(t.boxes()), meanJerk(crops));
      assertTrue(t.length() < 3 || meanJerk(crops) <= meanJerk(t.boxes()), "smoothing added jitter");
      for (int cut : cuts) {
        assertTrue(t.lastFrame() < cut || t.firstFrame() >= cut, "track " + t.id() + " crosses cut " + cut);
      }
    }
    assertTrue(tracks.size() <= 8, tracks.size() + " tracks: fragmented");
    List<Integer> shotStarts = List.of(1, 98, 154, 200, frames.size());
    for (int s = 0; s + 1 < shotStarts.size(); s++) {
      int start = shotStarts.get(s);
      int end = shotStarts.get(s + 1) - 1;
      long main = tracks.stream().filter(t -> t.firstFrame() == start && t.lastFrame() == end).count();
      assertEquals(1, main, "one track should follow the main face through shot " + start + "-" + end);
    }
  }

  /** Mean magnitude of the centre's second difference: how much a box sequence shakes. */
  private static double meanJerk(List<Box> boxes) {
    double sum = 0;
    for (int i = 2; i < boxes.size(); i++) {
      double ax = boxes.get(i).centerX() - 2 * boxes.get(i - 1).centerX() + boxes.get(i - 2).centerX();
      double ay = boxes.get(i).centerY() - 2 * boxes.get(i - 1).centerY() + boxes.get(i - 2).centerY();
      sum += Math.hypot(ax, ay);
    }
    return boxes.size() < 3 ? 0 : sum / (boxes.size() - 2);
  }

  private static float[] lumaThumbnail(RgbImage frame) {
    RgbImage small = frame.resample(new Box(0, 0, frame.width(), frame.height()), THUMB, THUMB);
    float[] luma = new float[THUMB * THUMB];
    for (int i = 0; i < luma.length; i++) {
      luma[i] = 0.299f * small.get(i % THUMB, i / THUMB, 0) + 0.587f * small.get(i % THUMB, i / THUMB, 1)
          + 0.114f * small.get(i % THUMB, i / THUMB, 2);
    }
    return luma;
  }

  private static double meanAbsDifference(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += Math.abs(a[i] - b[i]);
    }
    return sum / a.length;
  }
}
