package ai.fym.engine.face;

import ai.fym.engine.geom.Box;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns the raw outputs of MediaPipe's short-range BlazeFace (896 logits and 896 x 16 regressors) into
 * face boxes in the model's unit square, then merges overlapping anchors by weighted non-max
 * suppression (the score-weighted mean of each cluster, as MediaPipe does). Pure Java, so it is tested
 * without the network.
 */
final class BlazeFaceDecoder {
  static final int INPUT_SIZE = 128;
  static final int ANCHORS = 896;
  static final int VALUES_PER_ANCHOR = 16;
  static final int KEYPOINTS = 6;
  /** Detections overlapping a better one by more than this IoU are merged into it. */
  static final float MERGE_IOU = 0.3f;
  private static final float LOGIT_CLIP = 100f;

  /** Anchor centres as x0, y0, x1, y1, ... in the unit square: 16x16 grid x 2, then 8x8 grid x 6. */
  private static final float[] ANCHOR_CENTRES = anchorCentres();

  /** A decoded candidate: box and keypoints in unit-square coordinates of the model input. */
  record Candidate(Box box, float score, float[] keypoints) {}

  private BlazeFaceDecoder() {}

  /** Candidates whose sigmoid score reaches {@code minScore}, before suppression. */
  static List<Candidate> decode(float[] logits, float[] regressors, float minScore) {
    if (logits.length != ANCHORS || regressors.length != ANCHORS * VALUES_PER_ANCHOR) {
      throw new IllegalArgumentException("BlazeFace outputs have " + logits.length + " scores and "
          + regressors.length + " regressors, expected " + ANCHORS + " and " + ANCHORS * VALUES_PER_ANCHOR);
    }
    List<Candidate> out = new ArrayList<>();
    for (int a = 0; a < ANCHORS; a++) {
      float logit = Math.max(-LOGIT_CLIP, Math.min(LOGIT_CLIP, logits[a]));
      float score = (float) (1.0 / (1.0 + Math.exp(-logit)));
      if (score < minScore) {
        continue;
      }
      int r = a * VALUES_PER_ANCHOR;
      float ax = ANCHOR_CENTRES[2 * a];
      float ay = ANCHOR_CENTRES[2 * a + 1];
      float cx = regressors[r] / INPUT_SIZE + ax;
      float cy = regressors[r + 1] / INPUT_SIZE + ay;
      float w = regressors[r + 2] / INPUT_SIZE;
      float h = regressors[r + 3] / INPUT_SIZE;
      float[] kp = new float[2 * KEYPOINTS];
      for (int k = 0; k < KEYPOINTS; k++) {
        kp[2 * k] = regressors[r + 4 + 2 * k] / INPUT_SIZE + ax;
        kp[2 * k + 1] = regressors[r + 5 + 2 * k] / INPUT_SIZE + ay;
      }
      out.add(new Candidate(new Box(cx - w / 2, cy - h / 2, w, h), score, kp));
    }
    return out;
  }

  /**
   * Weighted non-max suppression: repeatedly takes the best remaining candidate, gathers every remaining
   * candidate overlapping it by more than {@link #MERGE_IOU}, and replaces the cluster by its
   * score-weighted mean box and keypoints (keeping the best score). Averaging the anchors that fired on the
   * same face makes boxes steadier from frame to frame than keeping only the best one.
   */
  static List<Candidate> weightedNms(List<Candidate> candidates) {
    List<Candidate> remaining = new ArrayList<>(candidates);
    remaining.sort(Comparator.comparingDouble(Candidate::score).reversed());
    List<Candidate> merged = new ArrayList<>();
    while (!remaining.isEmpty()) {
      Candidate best = remaining.get(0);
      float wSum = 0;
      float x = 0;
      float y = 0;
      float w = 0;
      float h = 0;
      float[] kp = new float[best.keypoints().length];
      List<Candidate> rest = new ArrayList<>();
      for (Candidate c : remaining) {
        if (c != best && best.box().iou(c.box()) <= MERGE_IOU) {
          rest.add(c);
          continue;
        }
        float s = c.score();
        wSum += s;
        x += s * c.box().x();
        y += s * c.box().y();
        w += s * c.box().width();
        h += s * c.box().height();
        for (int i = 0; i < kp.length; i++) {
          kp[i] += s * c.keypoints()[i];
        }
      }
      for (int i = 0; i < kp.length; i++) {
        kp[i] /= wSum;
      }
      merged.add(new Candidate(new Box(x / wSum, y / wSum, w / wSum, h / wSum), best.score(), kp));
      remaining = rest;
    }
    return merged;
  }

  private static float[] anchorCentres() {
    float[] centres = new float[2 * ANCHORS];
    int i = 0;
    int[][] layers = {{16, 2}, {8, 6}};
    for (int[] layer : layers) {
      int grid = layer[0];
      for (int gy = 0; gy < grid; gy++) {
        for (int gx = 0; gx < grid; gx++) {
          for (int k = 0; k < layer[1]; k++) {
            centres[i++] = (gx + 0.5f) / grid;
            centres[i++] = (gy + 0.5f) / grid;
          }
        }
      }
    }
    return centres;
  }
}
