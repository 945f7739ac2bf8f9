package ai.fym.engine.splat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;

/**
 * Projects 3D Gaussians through a {@link Camera} into {@link ProjectedSplats}, in DJL NDArray ops so that
 * autograd reaches every Gaussian parameter. As in 3DGS: the 3D covariance is {@code R S S^T R^T} (R from the
 * normalised quaternion, S the scales), projected by the EWA approximation {@code J W Sigma W^T J^T} with the
 * perspective Jacobian J at the mean (its x/z and y/z clamped to 1.3x the field of view, which keeps splats near
 * the image border stable), plus a 0.3 px^2 low-pass on the 2D covariance; colour is the degree-1 spherical
 * harmonics seen along the camera-to-mean direction, plus 0.5, clamped at 0.
 */
public final class Projection {
  /** Gaussians whose camera depth is at most this are culled; the projection divides by at least this depth. */
  public static final float NEAR_PLANE = 0.01f;
  /** Added to the diagonal of every 2D covariance (px^2): no splat is thinner than about a pixel. */
  public static final float LOW_PASS = 0.3f;
  private static final float FOV_CLAMP = 1.3f;
  private static final float SH_C0 = 0.28209479177387814f;
  private static final float SH_C1 = 0.4886025119029199f;

  private Projection() {}

  /** Projects {@code g} into {@code camera}'s image; the arrays are created in the manager of {@code g.means()}. */
  public static ProjectedSplats project(GaussianParams g, Camera camera) {
    NDManager m = g.means().getManager();
    int n = g.count();
    NDArray view = m.create(camera.rotation(), new Shape(3, 3));
    NDArray camPoints = g.means().matMul(view.transpose()).add(m.create(camera.translation()));
    NDArray x = camPoints.get(":, 0");
    NDArray y = camPoints.get(":, 1");
    NDArray z = camPoints.get(":, 2");
    NDArray safeZ = z.maximum(NEAR_PLANE);
    NDArray u = x.div(safeZ);
    NDArray v = y.div(safeZ);
    NDArray means2d = NDArrays.stack(new NDList(u.mul(camera.fx()).add(camera.cx()),
        v.mul(camera.fy()).add(camera.cy())), 1);

    float limitU = FOV_CLAMP * 0.5f * camera.width() / camera.fx();
    float limitV = FOV_CLAMP * 0.5f * camera.height() / camera.fy();
    NDArray zero = safeZ.zerosLike();
    NDArray invZ = safeZ.pow(-1);
    NDArray jacobian = NDArrays.stack(new NDList(
        invZ.mul(camera.fx()), zero, u.clip(-limitU, limitU).mul(invZ).mul(-camera.fx()),
        zero, invZ.mul(camera.fy()), v.clip(-limitV, limitV).mul(invZ).mul(-camera.fy())), 1)
        .reshape(n, 2, 3);
    NDArray toImage = jacobian.matMul(view);
    NDArray cov2d = toImage.matMul(covariance3d(g, n)).matMul(toImage.transpose(0, 2, 1));
    NDArray a = cov2d.get(":, 0, 0").add(LOW_PASS);
    NDArray b = cov2d.get(":, 0, 1");
    NDArray c = cov2d.get(":, 1, 1").add(LOW_PASS);
    NDArray det = a.mul(c).sub(b.mul(b));
    NDArray conics = NDArrays.stack(new NDList(c.div(det), b.div(det).neg(), a.div(det)), 1);

    float[] radii = radii(a.toFloatArray(), b.toFloatArray(), c.toFloatArray(), z.toFloatArray(),
        means2d.toFloatArray(), camera);
    return new ProjectedSplats(means2d, conics, Activation.sigmoid(g.opacityLogits()), colours(g, camera), z,
        radii, camera.width(), camera.height());
  }

  /** {@code R S S^T R^T} per Gaussian, (N,3,3). */
  private static NDArray covariance3d(GaussianParams g, int n) {
    NDArray q = g.rotations();
    q = q.div(q.square().sum(new int[] {1}, true).sqrt());
    NDArray w = q.get(":, 0");
    NDArray x = q.get(":, 1");
    NDArray y = q.get(":, 2");
    NDArray z = q.get(":, 3");
    NDArray rotation = NDArrays.stack(new NDList(
        x.square().add(y.square()).mul(-2).add(1), x.mul(y).sub(w.mul(z)).mul(2), x.mul(z).add(w.mul(y)).mul(2),
        x.mul(y).add(w.mul(z)).mul(2), x.square().add(z.square()).mul(-2).add(1), y.mul(z).sub(w.mul(x)).mul(2),
        x.mul(z).sub(w.mul(y)).mul(2), y.mul(z).add(w.mul(x)).mul(2), x.square().add(y.square()).mul(-2).add(1)), 1)
        .reshape(n, 3, 3);
    NDArray scaled = rotation.mul(g.logScales().exp().reshape(n, 1, 3));
    return scaled.matMul(scaled.transpose(0, 2, 1));
  }

  /** Degree-1 SH colour along the direction from the camera centre to each mean, + 0.5, clamped at 0; (N,3). */
  private static NDArray colours(GaussianParams g, Camera camera) {
    NDManager m = g.means().getManager();
    NDArray dir = g.means().sub(m.create(camera.centre()));
    dir = dir.div(dir.square().sum(new int[] {1}, true).sqrt());
    NDArray sh = g.sh();
    NDArray colour = sh.get(":, 0, :").mul(SH_C0)
        .sub(sh.get(":, 1, :").mul(dir.get(":, 1:2")).mul(SH_C1))
        .add(sh.get(":, 2, :").mul(dir.get(":, 2:3")).mul(SH_C1))
        .sub(sh.get(":, 3, :").mul(dir.get(":, 0:1")).mul(SH_C1));
    return colour.add(0.5f).maximum(0f);
  }

  /**
   * 3-sigma radius of each splat's larger axis, rounded up (as 3DGS), or 0 when the Gaussian is at or behind the
   * near plane or its square of that radius misses the image.
   */
  private static float[] radii(float[] a, float[] b, float[] c, float[] depth, float[] means2d, Camera camera) {
    float[] radii = new float[depth.length];
    for (int i = 0; i < radii.length; i++) {
      double mid = 0.5 * (a[i] + c[i]);
      double det = (double) a[i] * c[i] - (double) b[i] * b[i];
      double largest = mid + Math.sqrt(Math.max(0.1, mid * mid - det));
      float r = (float) Math.ceil(3 * Math.sqrt(largest));
      float mx = means2d[2 * i];
      float my = means2d[2 * i + 1];
      boolean visible = depth[i] > NEAR_PLANE && det > 0 && mx + r > 0 && mx - r < camera.width()
          && my + r > 0 && my - r < camera.height();
      radii[i] = visible ? r : 0;
    }
    return radii;
  }
}
