package ai.fym.engine.trajectory;

import ai.fym.engine.geom.Box;
import ai.fym.engine.image.RgbImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A generated video whose motion is known exactly, for measuring how well trajectories are recovered: a
 * texture (any image, cropped to the frame's aspect and area-downsampled to the frame plus a margin) seen
 * through a smooth, time-varying, non-rigid deformation. Pixel p of frame t shows the texture at
 * {@code p + D(p, t)} in frame 0's coordinates, with D(p, 0) = 0, so the true position of p in frame 0 is
 * {@code p + D(p, t)} (no inversion, hence exact). D is a global glide plus a few Gaussian bumps that swirl
 * (rotate their neighbourhood back and forth) and drift, each with its own phase.
 */
public final class NonRigidVideo {
  private static final int BUMPS = 4;

  private final int width;
  private final int height;
  private final int frames;
  private final int margin;
  private final RgbImage canvas;
  private final Bump[] bumps;
  private final double[] glide;

  private NonRigidVideo(int width, int height, int frames, RgbImage canvas, int margin, Bump[] bumps,
      double[] glide) {
    this.width = width;
    this.height = height;
    this.frames = frames;
    this.canvas = canvas;
    this.margin = margin;
    this.bumps = bumps;
    this.glide = glide;
  }

  /**
   * A {@code width x height} video of {@code frames} frames showing {@code texture}; motion amplitude (largest
   * glide, bump drift) is {@code amplitude} times the long side; the bumps' places and phases come from
   * {@code seed}.
   */
  public static NonRigidVideo of(RgbImage texture, int width, int height, int frames, double amplitude, long seed) {
    int side = Math.max(width, height);
    int margin = (int) Math.ceil(3 * amplitude * side) + 2;
    int cw = width + 2 * margin;
    int ch = height + 2 * margin;
    double s = Math.min((double) texture.width() / cw, (double) texture.height() / ch);
    Box window = new Box((float) ((texture.width() - s * cw) / 2), (float) ((texture.height() - s * ch) / 2),
        (float) (s * cw), (float) (s * ch));
    RgbImage crop = texture.resample(window, (int) Math.round(s * cw), (int) Math.round(s * ch));
    RgbImage canvas = ShotSequence.downsample(crop, cw, ch);
    Random random = new Random(seed);
    Bump[] bumps = new Bump[BUMPS];
    for (int k = 0; k < BUMPS; k++) {
      bumps[k] = new Bump(width * (0.2 + 0.6 * random.nextDouble()), height * (0.2 + 0.6 * random.nextDouble()),
          (0.12 + 0.06 * random.nextDouble()) * side,
          (0.2 + 0.15 * random.nextDouble()) * (random.nextBoolean() ? 1 : -1),
          amplitude * side * (0.5 + 0.5 * random.nextDouble()), 2 * Math.PI * random.nextDouble(),
          2 * Math.PI * random.nextDouble(), 1 + random.nextInt(2));
    }
    double[] glide = {amplitude * side, 0.6 * amplitude * side};
    return new NonRigidVideo(width, height, frames, canvas, margin, bumps, glide);
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  public int frames() {
    return frames;
  }

  /** Every frame, rendered. */
  public List<RgbImage> render() {
    List<RgbImage> out = new ArrayList<>();
    for (int t = 0; t < frames; t++) {
      out.add(frame(t));
    }
    return out;
  }

  /** Frame {@code t}: the canvas sampled bilinearly at the true frame-0 position of each pixel. */
  public RgbImage frame(int t) {
    float[] where = truthToFirst(t);
    byte[] rgb = new byte[3 * width * height];
    for (int i = 0; i < width * height; i++) {
      float fx = where[2 * i] + margin;
      float fy = where[2 * i + 1] + margin;
      int x0 = (int) Math.floor(fx);
      int y0 = (int) Math.floor(fy);
      float ax = fx - x0;
      float ay = fy - y0;
      for (int c = 0; c < 3; c++) {
        float top = canvas.get(x0, y0, c) * (1 - ax) + canvas.get(x0 + 1, y0, c) * ax;
        float bottom = canvas.get(x0, y0 + 1, c) * (1 - ax) + canvas.get(x0 + 1, y0 + 1, c) * ax;
        rgb[3 * i + c] = (byte) Math.round(top * (1 - ay) + bottom * ay);
      }
    }
    return new RgbImage(width, height, rgb);
  }

  /** The true position in frame 0 of every pixel of frame {@code t}: interleaved (x, y), frame-0 pixels. */
  public float[] truthToFirst(int t) {
    float[] out = new float[2 * width * height];
    double[] d = new double[2];
    for (int y = 0, i = 0; y < height; y++) {
      for (int x = 0; x < width; x++, i++) {
        displacement(x, y, t, d);
        out[2 * i] = (float) (x + d[0]);
        out[2 * i + 1] = (float) (y + d[1]);
      }
    }
    return out;
  }

  /** D(p, t) into {@code out}: the glide plus each bump's swirl and drift, weighted by its Gaussian. */
  void displacement(double x, double y, int t, double[] out) {
    double tau = frames > 1 ? (double) t / (frames - 1) : 0;
    out[0] = glide[0] * Math.sin(1.5 * Math.PI * tau);
    out[1] = glide[1] * (1 - Math.cos(Math.PI * tau));
    for (Bump b : bumps) {
      double rx = x - b.x;
      double ry = y - b.y;
      double weight = Math.exp(-(rx * rx + ry * ry) / (2 * b.sigma * b.sigma));
      double angle = b.swirl * Math.sin(2 * Math.PI * b.cycles * tau);
      double cos = Math.cos(angle) - 1;
      double sin = Math.sin(angle);
      double drift = b.drift * (Math.sin(2 * Math.PI * b.cycles * tau + b.phase) - Math.sin(b.phase));
      out[0] += weight * (cos * rx - sin * ry + Math.cos(b.heading) * drift);
      out[1] += weight * (sin * rx + cos * ry + Math.sin(b.heading) * drift);
    }
  }

  /**
   * One bump: centre, Gaussian radius, largest swirl angle (radians), drift length (pixels), drift direction
   * and phase, and how many back-and-forth cycles it makes over the video.
   */
  private record Bump(double x, double y, double sigma, double swirl, double drift, double heading, double phase,
      int cycles) {}
}
