package ai.fym.engine.motion;

import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

import ai.fym.engine.image.ImageCodec;
import ai.fym.engine.image.RgbImage;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_video.DISOpticalFlow;

/**
 * Dense optical flow with OpenCV's DIS (Dense Inverse Search, medium preset) on luma: fast enough
 * to run on every frame pair on a CPU, and weight-free. Not thread-safe: one per thread.
 */
public final class FlowEstimator implements AutoCloseable {
  private final DISOpticalFlow dis = DISOpticalFlow.create(DISOpticalFlow.PRESET_MEDIUM);

  /** The flow from {@code from} to {@code to} (same size). */
  public Flow estimate(RgbImage from, RgbImage to) {
    if (from.width() != to.width() || from.height() != to.height()) {
      throw new IllegalArgumentException("flow between " + from.width() + "x" + from.height() + " and "
          + to.width() + "x" + to.height() + " frames: sizes differ");
    }
    try (Mat a = gray(from); Mat b = gray(to); Mat flow = new Mat()) {
      dis.calc(a, b, flow);
      float[] xy = new float[2 * from.width() * from.height()];
      ((java.nio.FloatBuffer) flow.createBuffer()).get(xy);
      return new Flow(from.width(), from.height(), xy);
    }
  }

  private static Mat gray(RgbImage image) {
    try (Mat bgr = ImageCodec.toBgr(image)) {
      Mat g = new Mat();
      cvtColor(bgr, g, COLOR_BGR2GRAY);
      return g;
    }
  }

  @Override
  public void close() {
    dis.close();
  }
}
