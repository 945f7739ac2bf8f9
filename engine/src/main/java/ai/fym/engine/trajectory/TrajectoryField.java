package ai.fym.engine.trajectory;

import ai.djl.Device;
import ai.fym.engine.hashgrid.HashEncoding;
import ai.fym.engine.hashgrid.HashGridCpu;
import ai.fym.engine.hashgrid.HashGridNd;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A shot's trajectory field: a multi-resolution hash encoding of (x, y, t) followed by a small decoder that gives
 * the displacement carrying pixel (x, y) of frame t to its position in the shot's first frame. Coordinates are
 * normalised to [0, 1] (pixel centres, t = frame / (frames - 1)); displacements are in units of the working
 * frame's long side, so a field answers at any resolution. Level weights implement coarse-to-fine annealing:
 * a level's features are scaled by its weight (0 = off) before the decoder, in training and after it.
 *
 * <p>On a CPU the encoding is the hand-written kernel; on another DJL device the NDArray version; both hold the
 * same parameters, so a field trained on one can be evaluated on the other.
 */
public final class TrajectoryField implements AutoCloseable {
  private final TrajectorySettings settings;
  private final int width;
  private final int height;
  private final int frames;
  private final float[] hashParams;
  private final HashEncoding encoding;
  private final Mlp decoder;
  private final float[] levelWeights;

  TrajectoryField(TrajectorySettings settings, int width, int height, int frames, float[] hashParams,
      float[] decoderParams, Device device) {
    this.settings = settings;
    this.width = width;
    this.height = height;
    this.frames = frames;
    this.hashParams = hashParams;
    this.encoding = device.isGpu() ? new HashGridNd(settings.grid(), hashParams, device)
        : new HashGridCpu(settings.grid(), hashParams, settings.threads());
    int[] sizes = new int[settings.hiddenLayers() + 2];
    sizes[0] = settings.grid().outputSize();
    Arrays.fill(sizes, 1, sizes.length - 1, settings.hidden());
    sizes[sizes.length - 1] = 2;
    this.decoder = new Mlp(sizes, settings.seed() + 1, device);
    if (decoderParams != null) {
      if (decoderParams.length != decoder.params().length) {
        throw new IllegalArgumentException("expected " + decoder.params().length + " decoder parameters, got "
            + decoderParams.length);
      }
      System.arraycopy(decoderParams, 0, decoder.params(), 0, decoderParams.length);
      decoder.sync();
    }
    this.levelWeights = new float[settings.grid().levels()];
    Arrays.fill(levelWeights, 1f);
  }

  /** A freshly initialised field for a shot of {@code frames} frames of {@code width x height} working pixels. */
  static TrajectoryField create(TrajectorySettings settings, int width, int height, int frames, Device device) {
    return new TrajectoryField(settings, width, height, frames,
        HashGridCpu.randomParams(settings.grid(), settings.seed()), null, device);
  }

  public TrajectorySettings settings() {
    return settings;
  }

  /** Width of the frames the field was trained on. */
  public int width() {
    return width;
  }

  /** Height of the frames the field was trained on. */
  public int height() {
    return height;
  }

  /** Frames in the shot. */
  public int frames() {
    return frames;
  }

  /** The normalised time of frame {@code index}. */
  public float time(int index) {
    return frames > 1 ? (float) index / (frames - 1) : 0f;
  }

  /** Features per point: levels x features per level. */
  public int featureSize() {
    return settings.grid().outputSize();
  }

  /**
   * The multi-scale trajectory features of {@code n} points (x, y, t normalised, flat): per point, level by
   * level, the level's interpolated features scaled by its annealing weight; the diffusion stage's condition.
   */
  public float[] features(float[] xyt, int n) {
    float[] f = encoding.forward(xyt, n);
    applyLevelWeights(f, n);
    return f;
  }

  /** Displacements (dx, dy per point, in units of the long side) for {@code n} normalised points. */
  public float[] displacement(float[] xyt, int n) {
    return decoder.forward(features(xyt, n), n);
  }

  /**
   * Where every pixel of frame {@code index} lies in the shot's first frame, at {@code outWidth x outHeight}:
   * interleaved (x, y) in that resolution's pixel coordinates. The field is queried on its working grid and the
   * displacement upsampled bilinearly (it is smooth at the working scale by construction).
   */
  public float[] toFirst(int index, int outWidth, int outHeight) {
    float[] xyt = new float[3 * width * height];
    float t = time(index);
    for (int y = 0, i = 0; y < height; y++) {
      for (int x = 0; x < width; x++, i++) {
        xyt[3 * i] = (x + 0.5f) / width;
        xyt[3 * i + 1] = (y + 0.5f) / height;
        xyt[3 * i + 2] = t;
      }
    }
    float[] d = displacement(xyt, width * height);
    float unit = Math.max(outWidth, outHeight);
    float[] out = new float[2 * outWidth * outHeight];
    float sx = (float) width / outWidth;
    float sy = (float) height / outHeight;
    for (int y = 0, i = 0; y < outHeight; y++) {
      float fy = Math.min(height - 1f, Math.max(0f, (y + 0.5f) * sy - 0.5f));
      int y0 = Math.min(height - 2, (int) fy);
      float ay = height > 1 ? fy - Math.max(0, y0) : 0f;
      for (int x = 0; x < outWidth; x++, i++) {
        float fx = Math.min(width - 1f, Math.max(0f, (x + 0.5f) * sx - 0.5f));
        int x0 = Math.min(width - 2, (int) fx);
        float ax = width > 1 ? fx - Math.max(0, x0) : 0f;
        for (int c = 0; c < 2; c++) {
          float v = bilinear(d, Math.max(0, x0), Math.max(0, y0), ax, ay, c);
          out[2 * i + c] = (c == 0 ? x : y) + v * unit;
        }
      }
    }
    return out;
  }

  private float bilinear(float[] d, int x0, int y0, float ax, float ay, int c) {
    int x1 = Math.min(width - 1, x0 + 1);
    int y1 = Math.min(height - 1, y0 + 1);
    float top = d[2 * (y0 * width + x0) + c] * (1 - ax) + d[2 * (y0 * width + x1) + c] * ax;
    float bottom = d[2 * (y1 * width + x0) + c] * (1 - ax) + d[2 * (y1 * width + x1) + c] * ax;
    return top * (1 - ay) + bottom * ay;
  }

  void applyLevelWeights(float[] features, int n) {
    int f = settings.grid().featuresPerLevel();
    int stride = featureSize();
    for (int l = 0; l < levelWeights.length; l++) {
      float w = levelWeights[l];
      if (w == 1f) {
        continue;
      }
      for (int p = 0; p < n; p++) {
        for (int k = 0; k < f; k++) {
          features[p * stride + l * f + k] *= w;
        }
      }
    }
  }

  /** Coarse-to-fine: levels below {@code active} fully on, the next one partly, the rest off. */
  void setActiveLevels(float active) {
    for (int l = 0; l < levelWeights.length; l++) {
      levelWeights[l] = Math.max(0f, Math.min(1f, active - l));
    }
  }

  /** Writes this field (settings, geometry, tables, decoder) to {@code path}, atomically. */
  public void save(Path path) throws IOException {
    FieldFile.write(path, this, settings.steps(), null, null);
  }

  /** The hash tables (not copied: the optimiser updates them in place, then calls {@link #tablesChanged()}). */
  float[] hashParams() {
    return hashParams;
  }

  /** Tells the encoding its tables changed (a no-op for the CPU kernel, which shares the array). */
  void tablesChanged() {
    encoding.setParams(hashParams);
  }

  HashEncoding encoding() {
    return encoding;
  }

  Mlp decoder() {
    return decoder;
  }

  @Override
  public void close() {
    encoding.close();
    decoder.close();
  }
}
