package ai.fym.engine.avatar;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.fym.engine.splat.Camera;
import ai.fym.engine.splat.GaussianParams;
import ai.fym.engine.splat.ProjectedSplats;
import ai.fym.engine.splat.Projection;
import ai.fym.engine.splat.SplatRasterizer;

/**
 * One identity's avatar: canonical 3D Gaussians, the deformation network that moves and recolours them for a
 * frame's landmark code, and the landmark basis ({@link FaceCode}) that turns landmarks into codes. A frame is
 * rendered by deforming the Gaussians with its expression code, then viewing them through a camera that applies
 * its head pose (in-plane rotation, scale and shift of the crop) and splatting them.
 *
 * <p>Canonical space: the crop spans [-1, 1] on x and y (y down), the Gaussians sit near z = 0, and the camera
 * stands {@link #DISTANCE} units in front, so the view is close to orthographic.
 */
public final class AvatarModel {
  static final float DISTANCE = 10f;
  private static final float[] BLACK = {0f, 0f, 0f};

  private final int resolution;
  private final FaceCode faceCode;
  private final Deformer deformer;
  private GaussianSet gaussians;
  private final float[] deformation;

  AvatarModel(int resolution, FaceCode faceCode, int hidden, GaussianSet gaussians, float[] deformation) {
    this.resolution = resolution;
    this.faceCode = faceCode;
    this.deformer = new Deformer(faceCode.dims() + FaceCode.POSE_VALUES, hidden);
    this.gaussians = gaussians;
    this.deformation = deformation;
  }

  /** The NDArrays one step or render works on; {@code encoding} is constant. */
  record Leaves(NDArray means, NDArray logScales, NDArray rotations, NDArray opacityLogits, NDArray sh,
      NDArray deformation, NDArray encoding) {
    NDArray[] trainable() {
      return new NDArray[] {means, logScales, rotations, opacityLogits, sh, deformation};
    }
  }

  /** Side of the square crop the avatar renders, pixels. */
  public int resolution() {
    return resolution;
  }

  /** The landmark basis that makes this avatar's codes. */
  public FaceCode faceCode() {
    return faceCode;
  }

  /** Number of Gaussians. */
  public int gaussianCount() {
    return gaussians.count;
  }

  GaussianSet gaussians() {
    return gaussians;
  }

  void replaceGaussians(GaussianSet replacement) {
    gaussians = replacement;
  }

  float[] deformation() {
    return deformation;
  }

  int hidden() {
    return deformer.hidden();
  }

  /** NDArrays of the current parameters in {@code manager}, requiring gradient when {@code trainable}. */
  Leaves leaves(NDManager manager, boolean trainable) {
    int n = gaussians.count;
    Leaves l = new Leaves(manager.create(gaussians.means, new Shape(n, 3)),
        manager.create(gaussians.logScales, new Shape(n, 3)), manager.create(gaussians.rotations, new Shape(n, 4)),
        manager.create(gaussians.opacityLogits, new Shape(n)),
        manager.create(gaussians.sh, new Shape(n, 4, 3)), manager.create(deformation),
        manager.create(Deformer.encode(gaussians.means, n), new Shape(n, Deformer.ENCODING)));
    if (trainable) {
      for (NDArray a : l.trainable()) {
        a.setRequiresGradient(true);
      }
    }
    return l;
  }

  /** The Gaussians deformed by {@code code} and projected through its pose's camera. */
  ProjectedSplats project(Leaves l, FaceCode.Code code) {
    int n = gaussians.count;
    NDArray out = deformer.apply(l.deformation(), l.encoding(),
        deformer.code(l.means().getManager(), code.vector(resolution)));
    NDArray means = l.means().add(out.get(":, 0:3").mul(Deformer.OFFSET_SCALE));
    NDArray dc = l.sh().get(":, 0:1, :").add(out.get(":, 3:6").reshape(n, 1, 3));
    NDArray sh = dc.concat(l.sh().get(":, 1:, :"), 1);
    return Projection.project(new GaussianParams(means, l.logScales(), l.rotations(), l.opacityLogits(), sh),
        camera(code.pose()));
  }

  /** The camera that shows the canonical avatar under {@code pose} (mean face -> frame similarity). */
  Camera camera(FaceCode.Pose pose) {
    float centre = resolution / 2f;
    float cos = (float) Math.cos(pose.angle());
    float sin = (float) Math.sin(pose.angle());
    float s = pose.scale();
    // p' = s R p + t about the crop's origin; the camera rotates about the crop centre, so move t there.
    float shiftX = s * (cos * centre - sin * centre) + pose.tx() - centre;
    float shiftY = s * (sin * centre + cos * centre) + pose.ty() - centre;
    float focal = s * DISTANCE * resolution / 2f;
    return new Camera(focal, focal, centre + shiftX, centre + shiftY, resolution, resolution,
        new float[] {cos, -sin, 0, sin, cos, 0, 0, 0, 1}, new float[] {0, 0, DISTANCE});
  }

  /** Renders the frame {@code code} describes: row-major RGB floats in [0, 1] (not clamped). */
  public float[] render(FaceCode.Code code, SplatRasterizer rasterizer, NDManager parent) {
    try (NDManager manager = parent.newSubManager()) {
      ProjectedSplats splats = project(leaves(manager, false), code);
      return rasterizer.render(splats, BLACK).image().clone();
    }
  }

  /** Black: what shows where no Gaussian covers the crop. */
  static float[] background() {
    return BLACK.clone();
  }
}
