package ai.fym.engine.landmarks;

import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.equalizeHist;

import ai.fym.engine.geom.Box;
import ai.fym.engine.image.ImageCodec;
import ai.fym.engine.image.RgbImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.RectVector;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_objdetect.CascadeClassifier;

/**
 * Test helper: finds the largest frontal face with OpenCV's Haar cascade (shipped inside the opencv
 * natives jar), so tests derive face boxes from the image instead of hard-coding them.
 */
public final class HaarFaces {
  private static final String CASCADE =
      "org/bytedeco/opencv/linux-x86_64/share/opencv4/haarcascades/haarcascade_frontalface_default.xml";

  private HaarFaces() {}

  /** The largest detected face, if any. */
  public static synchronized Optional<Box> largestFace(RgbImage image) {
    try (Mat bgr = ImageCodec.toBgr(image); Mat gray = new Mat(); RectVector faces = new RectVector()) {
      cvtColor(bgr, gray, COLOR_BGR2GRAY);
      equalizeHist(gray, gray);
      int minSide = Math.max(24, Math.min(image.width(), image.height()) / 8);
      Holder.CLASSIFIER.detectMultiScale(gray, faces, 1.1, 5, 0, new Size(minSide, minSide), new Size());
      Box best = null;
      for (long i = 0; i < faces.size(); i++) {
        Rect r = faces.get(i);
        Box b = new Box(r.x(), r.y(), r.width(), r.height());
        if (best == null || b.area() > best.area()) {
          best = b;
        }
      }
      return Optional.ofNullable(best);
    }
  }

  private static final class Holder {
    static final CascadeClassifier CLASSIFIER = load();

    private static CascadeClassifier load() {
      try (InputStream in = HaarFaces.class.getClassLoader().getResourceAsStream(CASCADE)) {
        if (in == null) {
          throw new IllegalStateException(CASCADE + " is not on the test classpath");
        }
        Path file = Files.createTempFile("haar-frontalface", ".xml");
        file.toFile().deleteOnExit();
        Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        CascadeClassifier classifier = new CascadeClassifier(file.toString());
        if (classifier.empty()) {
          throw new IllegalStateException("OpenCV could not parse " + CASCADE);
        }
        return classifier;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
