package ai.fym.engine.splat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;

/** Random 2D splat scenes and finite-difference helpers shared by the rasterizer tests. */
final class SplatFixtures {
  private SplatFixtures() {}

  /** Plain values of a 2D scene; {@link #splats} turns them into NDArrays. */
  record Scene(int width, int height, int channels, float[] means2d, float[] conics, float[] opacities,
      float[] features, float[] depths, float[] radii) {

    Scene copy() {
      return new Scene(width, height, channels, means2d.clone(), conics.clone(), opacities.clone(), features.clone(),
          depths.clone(), radii.clone());
    }

    /** The scene's arrays, each a leaf requiring gradient when {@code gradient}. */
    ProjectedSplats splats(NDManager m, boolean gradient) {
      int n = radii.length;
      NDArray mean = m.create(means2d, new Shape(n, 2));
      NDArray conic = m.create(conics, new Shape(n, 3));
      NDArray opacity = m.create(opacities, new Shape(n));
      NDArray feature = m.create(features, new Shape(n, channels));
      if (gradient) {
        mean.setRequiresGradient(true);
        conic.setRequiresGradient(true);
        opacity.setRequiresGradient(true);
        feature.setRequiresGradient(true);
      }
      return new ProjectedSplats(mean, conic, opacity, feature, m.create(depths), radii, width, height);
    }
  }

  /**
   * {@code n} overlapping splats over a {@code width x height} image: sigmas 1-4 px, some elongated and rotated,
   * a quarter of them near-opaque (0.97-0.999, so that alpha clamps at 0.99 and pixels terminate).
   */
  static Scene random(int n, int width, int height, int channels, long seed) {
    Random r = new Random(seed);
    float[] means = new float[2 * n];
    float[] conics = new float[3 * n];
    float[] opacities = new float[n];
    float[] features = new float[n * channels];
    float[] depths = new float[n];
    float[] radii = new float[n];
    for (int i = 0; i < n; i++) {
      means[2 * i] = 2 + r.nextFloat() * (width - 4);
      means[2 * i + 1] = 2 + r.nextFloat() * (height - 4);
      double s1 = 1 + 3 * r.nextDouble();
      double s2 = 1 + 3 * r.nextDouble();
      double angle = Math.PI * r.nextDouble();
      double cos = Math.cos(angle);
      double sin = Math.sin(angle);
      double sxx = cos * cos * s1 * s1 + sin * sin * s2 * s2;
      double syy = sin * sin * s1 * s1 + cos * cos * s2 * s2;
      double sxy = cos * sin * (s1 * s1 - s2 * s2);
      double det = sxx * syy - sxy * sxy;
      conics[3 * i] = (float) (syy / det);
      conics[3 * i + 1] = (float) (-sxy / det);
      conics[3 * i + 2] = (float) (sxx / det);
      opacities[i] = i % 4 == 0 ? 0.97f + 0.029f * r.nextFloat() : 0.1f + 0.8f * r.nextFloat();
      for (int ch = 0; ch < channels; ch++) {
        features[i * channels + ch] = r.nextFloat();
      }
      depths[i] = 1 + r.nextFloat() * 5;
      radii[i] = (float) Math.ceil(3 * Math.max(s1, s2));
    }
    return new Scene(width, height, channels, means, conics, opacities, features, depths, radii);
  }

  /** Uniform values in [-1, 1) from {@code seed}. */
  static float[] randomGradient(int length, long seed) {
    Random r = new Random(seed);
    float[] g = new float[length];
    for (int i = 0; i < g.length; i++) {
      g[i] = 2 * r.nextFloat() - 1;
    }
    return g;
  }

  /** {@code sum(values * weights)} in double. */
  static double dot(float[] values, float[] weights) {
    double sum = 0;
    for (int i = 0; i < values.length; i++) {
      sum += (double) values[i] * weights[i];
    }
    return sum;
  }
}
