package ai.fym.engine.face;

import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2RGB;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

import ai.fym.engine.image.RgbImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Decodes the real sample media into {@link RgbImage}s for the face and track tests. It converts
 * BGR matrices itself because {@code ImageCodec.fromBgr} at this commit reads the matrix's size after
 * releasing it (NullPointerException); switch to it once that is fixed.
 */
public final class SampleFrames {
  private SampleFrames() {}

  /** Reads an image file. */
  public static RgbImage read(Path path) {
    try (Mat bgr = imread(path.toString())) {
      if (bgr == null || bgr.empty()) {
        throw new IllegalArgumentException("cannot decode " + path);
      }
      return toRgb(bgr);
    }
  }

  /** Every frame of a video, in order. */
  public static List<RgbImage> video(Path path) throws Exception {
    List<RgbImage> frames = new ArrayList<>();
    try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(path.toFile());
        OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat()) {
      grabber.start();
      for (Frame f = grabber.grabImage(); f != null; f = grabber.grabImage()) {
        frames.add(toRgb(converter.convert(f)));
      }
      grabber.stop();
    }
    return frames;
  }

  private static RgbImage toRgb(Mat bgr) {
    try (Mat rgb = new Mat()) {
      cvtColor(bgr, rgb, COLOR_BGR2RGB);
      byte[] data = new byte[rgb.cols() * rgb.rows() * 3];
      rgb.data().get(data);
      return new RgbImage(rgb.cols(), rgb.rows(), data);
    }
  }
}
