package ai.fym.engine.splat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.fym.engine.errors.Errors;
import ai.fym.engine.nn.Autograd;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Random;

/**
 * Milliseconds per frame of a {@link SplatRasterizer}, for {@code bench raster}: the forward pass alone (render
 * and read the image) and forward + backward (render, surrogate of a fixed image gradient, DJL backward into the
 * splats' arrays), each the median of several timed frames after warm-up frames. Every frame starts from fresh
 * leaf copies of the same projected splats in a frame-scoped manager, as a training step would.
 */
public final class RasterBenchmark {

  /**
   * Median milliseconds per frame of the forward pass and of forward + backward, and the median CPU time the
   * calling thread spent on a forward + backward frame (all of it for a one-thread {@link TileRasterizer}; unlike
   * wall time it hardly depends on other load on the machine).
   */
  public record Timing(double forwardMs, double forwardBackwardMs, double forwardBackwardCpuMs) {}

  private RasterBenchmark() {}

  /**
   * A face-like scene of {@code count} Gaussians for {@code camera} (a {@link Camera#frontal} one): means on and
   * just under the surface of a head-sized ellipsoid in front of the camera filling most of the image (so about
   * half face away and lie behind), standard deviations of 0.5-4 px at their depth (log-uniform, per axis), random
   * rotations, opacities from about 0.1 to 0.98, random colours.
   */
  public static GaussianParams faceLikeScene(NDManager m, int count, Camera camera, long seed) {
    Random r = new Random(seed);
    float distance = camera.translation()[2];
    float radiusX = 0.4f * camera.width() * distance / camera.fx();
    float radiusY = 0.45f * camera.height() * distance / camera.fy();
    float radiusZ = 0.8f * Math.min(radiusX, radiusY);
    float[] means = new float[3 * count];
    float[] logScales = new float[3 * count];
    float[] rotations = new float[4 * count];
    float[] opacityLogits = new float[count];
    float[] sh = new float[12 * count];
    for (int i = 0; i < count; i++) {
      double z = 2 * r.nextDouble() - 1;
      double phi = 2 * Math.PI * r.nextDouble();
      double ring = Math.sqrt(1 - z * z);
      double depthIn = 1 - 0.1 * r.nextDouble();
      means[3 * i] = (float) (radiusX * depthIn * ring * Math.cos(phi));
      means[3 * i + 1] = (float) (radiusY * depthIn * ring * Math.sin(phi));
      means[3 * i + 2] = (float) (radiusZ * depthIn * z);
      double pixelsPerUnit = camera.fx() / (distance + means[3 * i + 2]);
      for (int k = 0; k < 3; k++) {
        double sigmaPixels = 0.5 * Math.pow(8, r.nextDouble());
        logScales[3 * i + k] = (float) Math.log(sigmaPixels / pixelsPerUnit);
      }
      for (int k = 0; k < 4; k++) {
        rotations[4 * i + k] = (float) r.nextGaussian();
      }
      opacityLogits[i] = (float) (-2 + 6 * r.nextDouble());
      for (int k = 0; k < 12; k++) {
        sh[12 * i + k] = (float) (k < 3 ? 1.2 * r.nextDouble() - 0.6 : 0.4 * r.nextDouble() - 0.2);
      }
    }
    return new GaussianParams(m.create(means, new Shape(count, 3)), m.create(logScales, new Shape(count, 3)),
        m.create(rotations, new Shape(count, 4)), m.create(opacityLogits), m.create(sh, new Shape(count, 4, 3)));
  }

  /** Times {@code raster} on {@code splats}: {@code warmups} untimed then {@code repeats} timed frames of each. */
  public static Timing measure(SplatRasterizer raster, ProjectedSplats splats, int warmups, int repeats, long seed) {
    if (repeats < 1 || warmups < 0) {
      throw Errors.splatShape("benchmark repeats and warmups", ">= 1 and >= 0", repeats + " and " + warmups);
    }
    float[][] values = {splats.means2d().toFloatArray(), splats.conics().toFloatArray(),
        splats.opacities().toFloatArray(), splats.features().toFloatArray(), splats.depths().toFloatArray()};
    float[] background = new float[splats.channels()];
    Random random = new Random(seed);
    float[] dImage = new float[splats.width() * splats.height() * splats.channels()];
    for (int i = 0; i < dImage.length; i++) {
      dImage[i] = random.nextFloat() - 0.5f;
    }
    NDManager m = splats.means2d().getManager();
    double[] forward = new double[repeats];
    double[] both = new double[repeats];
    double[] bothCpu = new double[repeats];
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    for (int i = -warmups; i < repeats; i++) {
      try (NDManager frame = m.newSubManager()) {
        ProjectedSplats leaves = leaves(splats, values, frame);
        long start = System.nanoTime();
        raster.render(leaves, background).image();
        if (i >= 0) {
          forward[i] = (System.nanoTime() - start) / 1e6;
        }
      }
      synchronized (Autograd.LOCK) {
        try (NDManager frame = m.newSubManager();
            GradientCollector collector = frame.getEngine().newGradientCollector()) {
          ProjectedSplats leaves = leaves(splats, values, frame);
          long start = System.nanoTime();
          long startCpu = cpu.getCurrentThreadCpuTime();
          RenderPass pass = raster.render(leaves, background);
          pass.image();
          collector.backward(pass.surrogate(dImage));
          if (i >= 0) {
            both[i] = (System.nanoTime() - start) / 1e6;
            bothCpu[i] = (cpu.getCurrentThreadCpuTime() - startCpu) / 1e6;
          }
        }
      }
    }
    return new Timing(median(forward), median(both), median(bothCpu));
  }

  /** Copies of {@code splats}' arrays as leaves requiring gradient, in {@code frame}. */
  private static ProjectedSplats leaves(ProjectedSplats splats, float[][] values, NDManager frame) {
    NDArray[] arrays = new NDArray[values.length];
    NDArray[] shapes = {splats.means2d(), splats.conics(), splats.opacities(), splats.features(), splats.depths()};
    for (int k = 0; k < arrays.length; k++) {
      arrays[k] = frame.create(values[k], shapes[k].getShape());
      arrays[k].setRequiresGradient(k < 4);
    }
    return new ProjectedSplats(arrays[0], arrays[1], arrays[2], arrays[3], arrays[4], splats.radii(), splats.width(),
        splats.height());
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
  }
}
