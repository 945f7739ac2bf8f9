package ai.fym.engine.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fym.engine.face.FaceDetection;
import ai.fym.engine.geom.Box;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaceTrackerTest {

  private static FaceDetection face(float x, float y, float side) {
    return new FaceDetection(new Box(x, y, side, side), 0.9f, new float[0], "test");
  }

  @Test
  void twoFacesCrossingKeepTheirIds() {
    FaceTracker tracker = new FaceTracker(0.3f, 3, 5);
    int frames = 41;
    for (int f = 0; f < frames; f++) {
      float wobble = (f % 3 - 1) * 2f;
      List<FaceDetection> dets = new ArrayList<>();
      // listed in a varying order so that ids cannot come from list positions
      FaceDetection goingRight = face(50 + 10 * f + wobble, 100, 80);
      FaceDetection goingLeft = face(450 - 10 * f - wobble, 130 + wobble, 80);
      if (f % 2 == 0) {
        dets.add(goingRight);
        dets.add(goingLeft);
      } else {
        dets.add(goingLeft);
        dets.add(goingRight);
      }
      tracker.observe(f, dets);
    }
    List<Track> tracks = tracker.finishShot();
    assertEquals(2, tracks.size());
    assertNotEquals(tracks.get(0).id(), tracks.get(1).id());
    for (Track t : tracks) {
      assertEquals(0, t.firstFrame());
      assertEquals(frames, t.length());
      float direction = Math.signum(t.box(40).x() - t.box(0).x());
      for (int f = 1; f < frames; f++) {
        float step = t.box(f).x() - t.box(f - 1).x();
        assertEquals(direction, Math.signum(step), "track " + t.id() + " switched face at frame " + f);
      }
    }
  }

  @Test
  void shortGapIsInterpolated() {
    FaceTracker tracker = new FaceTracker(0.3f, 2, 5);
    for (int f = 0; f <= 20; f++) {
      boolean missed = f == 10 || f == 11;
      tracker.observe(f, missed ? List.of() : List.of(face(100 + 3 * f, 50, 60 + f)));
    }
    List<Track> tracks = tracker.finishShot();
    assertEquals(1, tracks.size());
    Track t = tracks.get(0);
    assertEquals(21, t.length());
    assertEquals(19, t.detectedFrames());
    for (int f = 0; f <= 20; f++) {
      boolean missed = f == 10 || f == 11;
      assertEquals(missed, t.interpolated()[f]);
      assertEquals(missed ? 0f : 0.9f, t.scores()[f]);
      assertEquals(100 + 3 * f, t.box(f).x(), 1e-3f, "x at frame " + f);
      assertEquals(60 + f, t.box(f).width(), 1e-3f, "width at frame " + f);
    }
  }

  @Test
  void gapLongerThanAllowedSplitsTheTrack() {
    FaceTracker tracker = new FaceTracker(0.3f, 2, 5);
    for (int f = 0; f <= 20; f++) {
      boolean missed = f >= 8 && f <= 10;
      tracker.observe(f, missed ? List.of() : List.of(face(100, 50, 60)));
    }
    List<Track> tracks = tracker.finishShot();
    assertEquals(2, tracks.size());
    assertEquals(7, tracks.get(0).lastFrame());
    assertEquals(11, tracks.get(1).firstFrame());
    assertEquals(20, tracks.get(1).lastFrame());
  }

  @Test
  void shortSpuriousTrackIsDropped() {
    FaceTracker tracker = new FaceTracker(0.3f, 2, 5);
    for (int f = 0; f < 30; f++) {
      List<FaceDetection> dets = new ArrayList<>(List.of(face(200, 200, 100)));
      if (f >= 12 && f < 15) {
        dets.add(face(500, 40, 50));
      }
      tracker.observe(f, dets);
    }
    List<Track> tracks = tracker.finishShot();
    assertEquals(1, tracks.size());
    assertEquals(30, tracks.get(0).detectedFrames());
    assertEquals(200f, tracks.get(0).box(13).x());
  }

  @Test
  void tracksNeverCrossAShotAndIdsStayUnique() {
    FaceTracker tracker = new FaceTracker();
    for (int f = 0; f < 20; f++) {
      tracker.observe(f, List.of(face(100, 100, 120)));
    }
    Track first = tracker.finishShot().get(0);
    for (int f = 20; f < 40; f++) {
      tracker.observe(f, List.of(face(100, 100, 120)));
    }
    List<Track> second = tracker.finishShot();
    assertEquals(1, second.size());
    assertEquals(19, first.lastFrame());
    assertEquals(20, second.get(0).firstFrame());
    assertNotEquals(first.id(), second.get(0).id());
    assertTrue(tracker.finishShot().isEmpty());
  }

  @Test
  void framesMustIncreaseWithinAShot() {
    FaceTracker tracker = new FaceTracker();
    tracker.observe(5, List.of());
    assertThrows(IllegalArgumentException.class, () -> tracker.observe(5, List.of()));
    tracker.finishShot();
    tracker.observe(0, List.of());
    assertFalse(tracker.finishShot().iterator().hasNext());
  }
}
