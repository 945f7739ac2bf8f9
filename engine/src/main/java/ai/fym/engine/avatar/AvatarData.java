package ai.fym.engine.avatar;

import ai.fym.engine.errors.FymException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * An identity's frames ready for training: in (clip, frame) order, each with its landmark code (smoothed over
 * time within its shot), split into training frames and held-out frames (every {@code heldOutEvery}-th, starting
 * half-way into the first block, so held-out frames sit between training frames).
 */
public record AvatarData(List<AvatarFrame> frames, FaceCode faceCode, FaceCode.Code[] codes, int[] training,
    int[] heldOut) {

  /** Orders {@code frames}, fits the landmark basis on the training frames and codes every frame. */
  public static AvatarData of(List<AvatarFrame> frames, AvatarSettings settings) throws FymException {
    List<AvatarFrame> ordered = new ArrayList<>(frames);
    ordered.sort(Comparator.comparing(AvatarFrame::clip).thenComparingInt(AvatarFrame::frameIndex));
    int every = settings.heldOutEvery();
    List<Integer> training = new ArrayList<>();
    List<Integer> heldOut = new ArrayList<>();
    for (int i = 0; i < ordered.size(); i++) {
      (i % every == every / 2 && ordered.size() > every ? heldOut : training).add(i);
    }
    List<float[]> landmarks = new ArrayList<>();
    for (int i : training) {
      landmarks.add(ordered.get(i).landmarks());
    }
    FaceCode faceCode = FaceCode.fit(landmarks, settings.codeDims());
    return new AvatarData(List.copyOf(ordered), faceCode, codes(ordered, faceCode, settings.codeSmoothing()),
        toArray(training), toArray(heldOut));
  }

  /** Codes of {@code frames} (ordered) under {@code faceCode}, smoothed within each (clip, shot). */
  static FaceCode.Code[] codes(List<AvatarFrame> frames, FaceCode faceCode, double sigma) {
    FaceCode.Code[] raw = new FaceCode.Code[frames.size()];
    for (int i = 0; i < raw.length; i++) {
      raw[i] = faceCode.code(frames.get(i).landmarks());
    }
    return smooth(frames, raw, sigma);
  }

  /** {@code raw} codes smoothed over time with a Gaussian of {@code sigma} frames, never across shots. */
  static FaceCode.Code[] smooth(List<AvatarFrame> frames, FaceCode.Code[] raw, double sigma) {
    if (sigma <= 0) {
      return raw.clone();
    }
    int radius = (int) Math.ceil(3 * sigma);
    FaceCode.Code[] out = new FaceCode.Code[raw.length];
    for (int i = 0; i < raw.length; i++) {
      float[] sum = new float[raw[i].expression().length + 4];
      double weights = 0;
      for (int j = Math.max(0, i - radius); j <= Math.min(raw.length - 1, i + radius); j++) {
        AvatarFrame a = frames.get(i);
        AvatarFrame b = frames.get(j);
        if (!a.clip().equals(b.clip()) || a.shot() != b.shot()) {
          continue;
        }
        double d = b.frameIndex() - a.frameIndex();
        double w = Math.exp(-d * d / (2 * sigma * sigma));
        float[] v = values(raw[j]);
        for (int k = 0; k < sum.length; k++) {
          sum[k] += (float) (w * v[k]);
        }
        weights += w;
      }
      int e = raw[i].expression().length;
      float[] expression = new float[e];
      for (int k = 0; k < e; k++) {
        expression[k] = (float) (sum[k] / weights);
      }
      out[i] = new FaceCode.Code(expression, new FaceCode.Pose((float) (sum[e] / weights),
          (float) (sum[e + 1] / weights), (float) (sum[e + 2] / weights), (float) (sum[e + 3] / weights)));
    }
    return out;
  }

  private static float[] values(FaceCode.Code c) {
    int e = c.expression().length;
    float[] v = new float[e + 4];
    System.arraycopy(c.expression(), 0, v, 0, e);
    v[e] = c.pose().angle();
    v[e + 1] = c.pose().scale();
    v[e + 2] = c.pose().tx();
    v[e + 3] = c.pose().ty();
    return v;
  }

  private static int[] toArray(List<Integer> list) {
    return list.stream().mapToInt(Integer::intValue).toArray();
  }
}
