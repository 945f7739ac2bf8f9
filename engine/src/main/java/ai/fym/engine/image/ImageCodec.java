package ai.fym.engine.image;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2RGB;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_RGB2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Conversions between {@link RgbImage} and OpenCV matrices, and PNG/JPEG encoding through OpenCV
 * (several times faster than ImageIO for the per-frame crops).
 */
public final class ImageCodec {
  private ImageCodec() {}

  /** Copies an 8-bit 3-channel BGR matrix into a new RGB image. */
  public static RgbImage fromBgr(Mat bgr) {
    if (bgr.channels() != 3 || bgr.depth() != opencv_core.CV_8U) {
      throw new IllegalArgumentException("expected an 8-bit BGR image, got " + bgr.channels() + " channels");
    }
    try (Mat rgb = new Mat()) {
      cvtColor(bgr, rgb, COLOR_BGR2RGB);
      int width = rgb.cols();
      int height = rgb.rows();
      byte[] data = new byte[width * height * 3];
      // cvtColor allocates a continuous matrix, so its data is one packed block.
      rgb.data().get(data);
      return new RgbImage(width, height, data);
    }
  }

  /** A new BGR matrix holding a copy of the image; the caller closes it. */
  public static Mat toBgr(RgbImage image) {
    try (Mat rgb = new Mat(image.height(), image.width(), opencv_core.CV_8UC3)) {
      rgb.data().put(image.rgb());
      Mat bgr = new Mat();
      cvtColor(rgb, bgr, COLOR_RGB2BGR);
      return bgr;
    }
  }

  /** Encodes as PNG (lossless). */
  public static byte[] encodePng(RgbImage image) {
    return encode(image, ".png");
  }

  /** Decodes PNG/JPEG/BMP bytes; throws {@link IllegalArgumentException} when they are not an image. */
  public static RgbImage decode(byte[] bytes) {
    try (Mat buf = new Mat(1, bytes.length, opencv_core.CV_8UC1)) {
      buf.data().put(bytes);
      try (Mat bgr = imdecode(buf, IMREAD_COLOR)) {
        if (bgr == null || bgr.empty()) {
          throw new IllegalArgumentException("not a decodable image (" + bytes.length + " bytes)");
        }
        return fromBgr(bgr);
      }
    }
  }

  /** Reads an image file. */
  public static RgbImage read(Path path) throws IOException {
    return decode(Files.readAllBytes(path));
  }

  private static byte[] encode(RgbImage image, String ext) {
    try (Mat bgr = toBgr(image); BytePointer out = new BytePointer()) {
      if (!imencode(ext, bgr, out)) {
        throw new IllegalStateException("OpenCV could not encode " + ext);
      }
      byte[] bytes = new byte[(int) out.limit()];
      out.get(bytes);
      return bytes;
    }
  }
}
