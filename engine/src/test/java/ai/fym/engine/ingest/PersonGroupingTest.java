package ai.fym.engine.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class PersonGroupingTest {
  private static float[] unit(float... v) {
    double n = 0;
    for (float x : v) {
      n += x * x;
    }
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (float) (v[i] / Math.sqrt(n));
    }
    return out;
  }

  private static TrackInfo track(int id, int first, int last, float[] embedding) {
    return new TrackInfo(id, 0, first, last, 0.9f, 100f, embedding, 0);
  }

  @Test
  void mergesCloseTracksAcrossShotsAndKeepsDistantOnesApart() {
    List<TrackInfo> tracks = List.of(
        track(0, 0, 50, unit(1, 0, 0)),
        track(1, 51, 90, unit(0, 1, 0)),
        track(2, 91, 140, unit(1, 0.1f, 0)),
        track(3, 141, 200, unit(0.05f, 1, 0)));
    assertArrayEquals(new int[] {0, 1, 0, 1}, PersonGrouping.group(tracks, 0.36f));
  }

  @Test
  void neverMergesTracksThatOverlapInTimeEvenWithIdenticalEmbeddings() {
    List<TrackInfo> tracks = List.of(track(0, 0, 50, unit(1, 0)), track(1, 40, 90, unit(1, 0)));
    assertArrayEquals(new int[] {0, 1}, PersonGrouping.group(tracks, 0.36f));
  }

  @Test
  void aTrackWithoutEmbeddingStaysAlone() {
    List<TrackInfo> tracks = List.of(track(0, 0, 10, unit(1, 0)), track(1, 20, 30, null));
    assertArrayEquals(new int[] {0, 1}, PersonGrouping.group(tracks, 10f));
  }
}
