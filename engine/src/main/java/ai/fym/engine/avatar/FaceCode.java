package ai.fym.engine.avatar;

import ai.fym.engine.errors.Errors;
import ai.fym.engine.errors.FymException;
import ai.fym.engine.landmarks.Landmarks68;
import java.util.List;
import java.util.Random;

/**
 * What drives an avatar: the head pose and expression one frame's 68 landmarks describe, relative to one
 * identity's mean face. The pose is the 2-D similarity (rotation, scale, translation) that carries the mean face
 * onto the frame's landmarks (least squares); the expression is the residual of the landmarks once that pose is
 * undone, projected onto the identity's principal components and whitened. Landmarks are crop pixels at the
 * avatar's resolution, x then y per point.
 *
 * <p>A code from another person's landmarks ({@link #retarget}) keeps that person's motion but not their face
 * shape: their residuals are taken against their own mean face, turned into this identity's frame and projected
 * onto this identity's components.
 */
public final class FaceCode {
  /** Number of pose values at the end of {@link #vector}: rotation (rad), log scale, x and y shift / size. */
  public static final int POSE_VALUES = 4;
  private static final int POINTS = Landmarks68.COUNT * 2;
  private static final int POWER_ITERATIONS = 200;

  private final float[] mean;
  private final float[][] basis;
  private final float[] spread;

  /** The pose carrying the mean face onto a frame: p' = scale * rotate(angle) * p + (tx, ty). */
  public record Pose(float angle, float scale, float tx, float ty) {}

  /** One frame's code: the expression coefficients and the pose. */
  public record Code(float[] expression, Pose pose) {
    /** The network input: the expression, then the pose relative to the crop of side {@code size}. */
    public float[] vector(int size) {
      float[] v = new float[expression.length + POSE_VALUES];
      System.arraycopy(expression, 0, v, 0, expression.length);
      v[expression.length] = pose.angle();
      v[expression.length + 1] = (float) Math.log(pose.scale());
      v[expression.length + 2] = pose.tx() / size;
      v[expression.length + 3] = pose.ty() / size;
      return v;
    }
  }

  FaceCode(float[] mean, float[][] basis, float[] spread) {
    this.mean = mean;
    this.basis = basis;
    this.spread = spread;
  }

  /** Fits the mean face and the first {@code dims} expression components to {@code landmarks}. */
  public static FaceCode fit(List<float[]> landmarks, int dims) throws FymException {
    if (landmarks.size() < 2) {
      throw Errors.tooFewAvatarFrames(landmarks.size());
    }
    float[] mean = landmarks.get(0).clone();
    for (int round = 0; round < 3; round++) {
      float[] sum = new float[POINTS];
      for (float[] points : landmarks) {
        float[] aligned = undo(points, similarity(mean, points));
        for (int i = 0; i < POINTS; i++) {
          sum[i] += aligned[i] / landmarks.size();
        }
      }
      mean = sum;
    }
    double[][] residuals = new double[landmarks.size()][];
    for (int f = 0; f < landmarks.size(); f++) {
      residuals[f] = residual(landmarks.get(f), mean);
    }
    int count = Math.min(dims, landmarks.size() - 1);
    float[][] basis = new float[count][];
    float[] spread = new float[count];
    for (int k = 0; k < count; k++) {
      double[] direction = principal(residuals, basis, k);
      basis[k] = new float[POINTS];
      double variance = 0;
      for (double[] r : residuals) {
        double p = dot(r, direction);
        variance += p * p / residuals.length;
      }
      for (int i = 0; i < POINTS; i++) {
        basis[k][i] = (float) direction[i];
      }
      spread[k] = (float) Math.max(Math.sqrt(variance), 1e-3);
    }
    return new FaceCode(mean, basis, spread);
  }

  /** The code of one frame of this identity. */
  public Code code(float[] landmarks) {
    return new Code(project(residual(landmarks, mean)), toPose(similarity(mean, landmarks)));
  }

  /**
   * The code that drives this identity with {@code landmarks} of another person whose own code is
   * {@code driver}: their expression residual, turned into this identity's mean-face frame, and their pose.
   */
  public Code retarget(float[] landmarks, FaceCode driver) {
    double[] residual = residual(landmarks, driver.mean);
    double[] toThis = similarity(driver.mean, mean);
    double[] turned = new double[POINTS];
    for (int i = 0; i < POINTS; i += 2) {
      turned[i] = toThis[0] * residual[i] - toThis[1] * residual[i + 1];
      turned[i + 1] = toThis[1] * residual[i] + toThis[0] * residual[i + 1];
    }
    return new Code(project(turned), toPose(similarity(driver.mean, landmarks)));
  }

  /** Number of expression coefficients. */
  public int dims() {
    return basis.length;
  }

  float[] mean() {
    return mean;
  }

  float[][] basis() {
    return basis;
  }

  float[] spread() {
    return spread;
  }

  private float[] project(double[] residual) {
    float[] expression = new float[basis.length];
    for (int k = 0; k < basis.length; k++) {
      double p = 0;
      for (int i = 0; i < POINTS; i++) {
        p += residual[i] * basis[k][i];
      }
      expression[k] = (float) (p / spread[k]);
    }
    return expression;
  }

  private static Pose toPose(double[] s) {
    return new Pose((float) Math.atan2(s[1], s[0]), (float) Math.hypot(s[0], s[1]), (float) s[2], (float) s[3]);
  }

  /** Landmarks minus the mean face, with the pose that carries the mean onto them undone. */
  private static double[] residual(float[] points, float[] mean) {
    float[] aligned = undo(points, similarity(mean, points));
    double[] r = new double[POINTS];
    for (int i = 0; i < POINTS; i++) {
      r[i] = aligned[i] - mean[i];
    }
    return r;
  }

  /** Least-squares similarity {a, b, tx, ty} with to = [a -b; b a] from + t. */
  private static double[] similarity(float[] from, float[] to) {
    double fx = 0;
    double fy = 0;
    double tx = 0;
    double ty = 0;
    int n = POINTS / 2;
    for (int i = 0; i < POINTS; i += 2) {
      fx += from[i] / n;
      fy += from[i + 1] / n;
      tx += to[i] / n;
      ty += to[i + 1] / n;
    }
    double norm = 0;
    double a = 0;
    double b = 0;
    for (int i = 0; i < POINTS; i += 2) {
      double ux = from[i] - fx;
      double uy = from[i + 1] - fy;
      double vx = to[i] - tx;
      double vy = to[i + 1] - ty;
      norm += ux * ux + uy * uy;
      a += ux * vx + uy * vy;
      b += ux * vy - uy * vx;
    }
    a /= norm;
    b /= norm;
    return new double[] {a, b, tx - (a * fx - b * fy), ty - (b * fx + a * fy)};
  }

  /** Applies the inverse of similarity {@code s} to {@code points}. */
  private static float[] undo(float[] points, double[] s) {
    double det = s[0] * s[0] + s[1] * s[1];
    float[] out = new float[POINTS];
    for (int i = 0; i < POINTS; i += 2) {
      double x = points[i] - s[2];
      double y = points[i + 1] - s[3];
      out[i] = (float) ((s[0] * x + s[1] * y) / det);
      out[i + 1] = (float) ((-s[1] * x + s[0] * y) / det);
    }
    return out;
  }

  /** The leading principal direction of {@code rows} orthogonal to the first {@code found} of {@code basis}. */
  private static double[] principal(double[][] rows, float[][] basis, int found) {
    Random random = new Random(found);
    double[] v = new double[POINTS];
    for (int i = 0; i < POINTS; i++) {
      v[i] = random.nextGaussian();
    }
    for (int iteration = 0; iteration < POWER_ITERATIONS; iteration++) {
      double[] next = new double[POINTS];
      for (double[] r : rows) {
        double p = dot(r, v);
        for (int i = 0; i < POINTS; i++) {
          next[i] += p * r[i];
        }
      }
      for (int k = 0; k < found; k++) {
        double p = 0;
        for (int i = 0; i < POINTS; i++) {
          p += next[i] * basis[k][i];
        }
        for (int i = 0; i < POINTS; i++) {
          next[i] -= p * basis[k][i];
        }
      }
      double length = Math.sqrt(dot(next, next));
      if (length < 1e-12) {
        return v;
      }
      for (int i = 0; i < POINTS; i++) {
        v[i] = next[i] / length;
      }
    }
    return v;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
