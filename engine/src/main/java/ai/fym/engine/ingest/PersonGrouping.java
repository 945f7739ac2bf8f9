package ai.fym.engine.ingest;

import ai.fym.engine.identity.FaceEmbedder;
import java.util.ArrayList;
import java.util.List;

/**
 * Groups the face tracks of a clip into persons: average-linkage agglomerative clustering on the
 * tracks' mean embeddings, merging while the closest pair of groups is nearer than the threshold.
 * Two groups whose tracks overlap in time are never merged (one person is not twice in a frame).
 */
final class PersonGrouping {
  private PersonGrouping() {}

  /** The person index of every track, numbered by first appearance. */
  static int[] group(List<TrackInfo> tracks, float maxDistance) {
    List<List<Integer>> groups = new ArrayList<>();
    for (int i = 0; i < tracks.size(); i++) {
      groups.add(new ArrayList<>(List.of(i)));
    }
    while (true) {
      int bestA = -1;
      int bestB = -1;
      double best = maxDistance;
      for (int a = 0; a < groups.size(); a++) {
        for (int b = a + 1; b < groups.size(); b++) {
          if (overlap(tracks, groups.get(a), groups.get(b))) {
            continue;
          }
          double d = averageDistance(tracks, groups.get(a), groups.get(b));
          if (d < best) {
            best = d;
            bestA = a;
            bestB = b;
          }
        }
      }
      if (bestA < 0) {
        break;
      }
      groups.get(bestA).addAll(groups.remove(bestB));
    }
    groups.sort((x, y) -> Integer.compare(firstFrame(tracks, x), firstFrame(tracks, y)));
    int[] person = new int[tracks.size()];
    for (int g = 0; g < groups.size(); g++) {
      for (int t : groups.get(g)) {
        person[t] = g;
      }
    }
    return person;
  }

  private static boolean overlap(List<TrackInfo> tracks, List<Integer> a, List<Integer> b) {
    for (int i : a) {
      for (int j : b) {
        TrackInfo x = tracks.get(i);
        TrackInfo y = tracks.get(j);
        if (x.firstFrame() <= y.lastFrame() && y.firstFrame() <= x.lastFrame()) {
          return true;
        }
      }
    }
    return false;
  }

  private static double averageDistance(List<TrackInfo> tracks, List<Integer> a, List<Integer> b) {
    double sum = 0;
    int n = 0;
    for (int i : a) {
      for (int j : b) {
        float[] x = tracks.get(i).embedding();
        float[] y = tracks.get(j).embedding();
        if (x == null || y == null) {
          return Double.POSITIVE_INFINITY;
        }
        sum += FaceEmbedder.distance(x, y);
        n++;
      }
    }
    return sum / n;
  }

  private static int firstFrame(List<TrackInfo> tracks, List<Integer> group) {
    return group.stream().mapToInt(i -> tracks.get(i).firstFrame()).min().orElse(0);
  }
}
