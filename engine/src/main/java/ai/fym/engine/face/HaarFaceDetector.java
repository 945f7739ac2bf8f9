package ai.fym.engine.face;

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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.RectVector;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_objdetect.CascadeClassifier;

/**
 * OpenCV's frontal-face Haar cascade (shipped inside the opencv natives jar): the fallback for frames
 * where BlazeFace finds nothing. It has no keypoints and no calibrated score; the score is
 * {@code n / (n + MIN_NEIGHBOURS)} for a window supported by {@code n} raw detections. Not thread-safe.
 */
final class HaarFaceDetector implements FaceDetector {
  static final String NAME = "haar";
  /** The cascade inside the OpenCV natives jar of this platform (linux-x86_64 here). */
  static final String CASCADE = "org/bytedeco/opencv/" + org.bytedeco.javacpp.Loader.getPlatform()
      + "/share/opencv4/haarcascades/haarcascade_frontalface_default.xml";
  private static final double SCALE_STEP = 1.1;
  private static final int MIN_NEIGHBOURS = 5;
  /** Smallest face searched, as a fraction of the frame's shorter side (skips tiny false positives). */
  private static final double MIN_FACE_FRACTION = 0.1;

  private final CascadeClassifier cascade;

  HaarFaceDetector() {
    Path file = cascadeFile();
    try {
      cascade = new CascadeClassifier(file.toString());
      if (cascade.empty()) {
        cascade.close();
        throw new IllegalStateException("OpenCV could not load the Haar cascade " + CASCADE);
      }
    } finally {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot delete temporary cascade file " + file, e);
      }
    }
  }

  /** OpenCV loads cascades from a path: copy the one inside the opencv natives jar to a temp file. */
  private static Path cascadeFile() {
    try (InputStream in = HaarFaceDetector.class.getClassLoader().getResourceAsStream(CASCADE)) {
      if (in == null) {
        throw new IllegalStateException("classpath resource " + CASCADE + " is missing from this build");
      }
      Path file = Files.createTempFile("fym-haar-", ".xml");
      Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy " + CASCADE + " to a temporary file", e);
    }
  }

  @Override
  public List<FaceDetection> detect(RgbImage frame) {
    int minSide = (int) Math.max(24, MIN_FACE_FRACTION * Math.min(frame.width(), frame.height()));
    List<FaceDetection> out = new ArrayList<>();
    try (Mat bgr = ImageCodec.toBgr(frame);
        Mat gray = new Mat();
        RectVector faces = new RectVector();
        Size minSize = new Size(minSide, minSide);
        Size maxSize = new Size();
        IntPointer neighbours = new IntPointer()) {
      cvtColor(bgr, gray, COLOR_BGR2GRAY);
      equalizeHist(gray, gray);
      cascade.detectMultiScale2(gray, faces, neighbours, SCALE_STEP, MIN_NEIGHBOURS, 0, minSize, maxSize);
      for (int i = 0; i < faces.size(); i++) {
        Rect r = faces.get(i);
        float n = i < neighbours.limit() ? neighbours.get(i) : MIN_NEIGHBOURS;
        out.add(new FaceDetection(new Box(r.x(), r.y(), r.width(), r.height()),
            n / (n + MIN_NEIGHBOURS), new float[0], NAME));
      }
    }
    out.sort(Comparator.comparingDouble(FaceDetection::score).reversed());
    return out;
  }

  @Override
  public void close() {
    cascade.close();
  }
}
