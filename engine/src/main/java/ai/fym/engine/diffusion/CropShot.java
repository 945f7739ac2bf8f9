package ai.fym.engine.diffusion;

import ai.fym.engine.geom.Box;
import ai.fym.engine.image.RgbImage;
import ai.fym.engine.trajectory.TrajectoryField;
import java.util.ArrayList;
import java.util.List;

/**
 * One shot as the denoiser sees it: a fixed square window around the face for the whole shot (so the crop does
 * not move with the detector's jitter), resampled to size x size, with per frame the source, the shot's first
 * frame carried along the trajectory field (the warped keyframe) and its confidence, the trajectory features at
 * every crop pixel, the landmark heatmaps and the landmarks. For adaptation and sampling it also holds the edit,
 * the trajectory-warp result (the edited keyframe carried along the trajectory) and the edit hint. Images are
 * channel-major floats in [-1, 1].
 */
final class CropShot {
  final int size;
  final Box window;
  final List<float[]> source = new ArrayList<>();
  final List<float[]> warped = new ArrayList<>();
  final List<float[]> confidence = new ArrayList<>();
  final List<float[]> features = new ArrayList<>();
  final List<float[]> heat = new ArrayList<>();
  final List<float[]> landmarks = new ArrayList<>();
  final List<float[]> edit = new ArrayList<>();
  final List<float[]> trajectoryWarp = new ArrayList<>();
  final List<float[]> hint = new ArrayList<>();
  final int featureChannels;

  private CropShot(int size, Box window, int featureChannels) {
    this.size = size;
    this.window = window;
    this.featureChannels = featureChannels;
  }

  int frames() {
    return source.size();
  }

  /** The window around the union of the shot's face boxes (null entries skipped; none: the centred square). */
  static Box window(List<Box> faceBoxes, int width, int height, float scale) {
    float x0 = Float.MAX_VALUE;
    float y0 = Float.MAX_VALUE;
    float x1 = -Float.MAX_VALUE;
    float y1 = -Float.MAX_VALUE;
    for (Box b : faceBoxes) {
      if (b != null && b.width() > 0 && b.height() > 0) {
        x0 = Math.min(x0, b.x());
        y0 = Math.min(y0, b.y());
        x1 = Math.max(x1, b.x() + b.width());
        y1 = Math.max(y1, b.y() + b.height());
      }
    }
    if (x0 > x1) {
      float side = Math.min(width, height);
      return new Box((width - side) / 2f, (height - side) / 2f, side, side);
    }
    return new Box(x0, y0, x1 - x0, y1 - y0).squareAround(scale);
  }

  /**
   * Prepares a shot: {@code landmarks} per frame in frame pixels (68 x, y; null where unknown), {@code field} the
   * shot's trajectory field; {@code hashFeatures} false replaces its features by a positional encoding of
   * (x, y, t) with as many channels (the no-hash ablation).
   */
  static CropShot prepare(List<RgbImage> sources, List<float[]> landmarks, Box window, TrajectoryField field,
      int size, boolean hashFeatures) {
    int channels = field.featureSize();
    CropShot shot = new CropShot(size, window, channels);
    RgbImage first = sources.get(0);
    int w = first.width();
    int h = first.height();
    float[] xy = shot.framePositions(w, h);
    int n = size * size;
    for (int t = 0; t < sources.size(); t++) {
      RgbImage src = sources.get(t);
      shot.source.add(Crops.sample(src, xy, size));
      float[] map = field.toFirst(t, w, h);
      float[] back = new float[2 * n];
      for (int p = 0; p < n; p++) {
        Crops.mapAt(map, w, h, xy[2 * p], xy[2 * p + 1], back, p);
      }
      float[] warp = Crops.finite(Crops.sample(first, back, size));
      shot.warped.add(warp);
      shot.confidence.add(Crops.agreement(warp, shot.source.get(t), n));
      float[] xyt = new float[3 * n];
      for (int p = 0; p < n; p++) {
        xyt[3 * p] = Math.min(1f, Math.max(0f, (xy[2 * p] + 0.5f) / w));
        xyt[3 * p + 1] = Math.min(1f, Math.max(0f, (xy[2 * p + 1] + 0.5f) / h));
        xyt[3 * p + 2] = field.time(t);
      }
      float[] f = Crops.finite(hashFeatures ? field.features(xyt, n) : Crops.positional(xyt, n, channels));
      shot.features.add(Crops.channelMajor(f, n, channels));
      float[] lm = landmarks == null ? null : landmarks.get(t);
      float[] local = lm == null || !Crops.allFinite(lm) ? null : shot.toCrop(lm);
      shot.landmarks.add(local);
      shot.heat.add(LandmarkWeights.heatmaps(local, size));
    }
    return shot;
  }

  /**
   * Adds the edit: the per-frame edited frames, the trajectory-warp result, and the hint (the edit averaged over
   * frames t - window .. t + window with triangular weights, at a quarter of the crop's resolution).
   */
  void addEdit(List<RgbImage> edits, List<RgbImage> warpResults, int window) {
    RgbImage first = edits.get(0);
    float[] xy = framePositions(first.width(), first.height());
    for (int t = 0; t < edits.size(); t++) {
      edit.add(Crops.sample(edits.get(t), xy, size));
      trajectoryWarp.add(Crops.sample(warpResults.get(t), xy, size));
    }
    int n = size * size;
    for (int t = 0; t < edits.size(); t++) {
      float[] mean = new float[3 * n];
      float total = 0;
      for (int k = Math.max(0, t - window); k <= Math.min(edits.size() - 1, t + window); k++) {
        float weight = 1f - (float) Math.abs(t - k) / (window + 1);
        float[] e = edit.get(k);
        for (int i = 0; i < mean.length; i++) {
          mean[i] += weight * e[i];
        }
        total += weight;
      }
      for (int i = 0; i < mean.length; i++) {
        mean[i] /= total;
      }
      hint.add(Crops.lowPass(mean, size, 4));
    }
  }

  /** Frame positions (pixel index coordinates) of every crop pixel, interleaved x, y. */
  float[] framePositions(int width, int height) {
    float[] xy = new float[2 * size * size];
    float step = window.width() / size;
    for (int y = 0, p = 0; y < size; y++) {
      for (int x = 0; x < size; x++, p++) {
        xy[2 * p] = window.x() + (x + 0.5f) * step - 0.5f;
        xy[2 * p + 1] = window.y() + (y + 0.5f) * step - 0.5f;
      }
    }
    return xy;
  }

  /** Frame-pixel landmarks in crop pixels. */
  float[] toCrop(float[] frameLandmarks) {
    float scale = size / window.width();
    float[] out = new float[frameLandmarks.length];
    for (int k = 0; k < frameLandmarks.length / 2; k++) {
      out[2 * k] = (frameLandmarks[2 * k] - window.x()) * scale;
      out[2 * k + 1] = (frameLandmarks[2 * k + 1] - window.y()) * scale;
    }
    return out;
  }
}
