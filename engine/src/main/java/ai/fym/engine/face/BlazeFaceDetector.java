package ai.fym.engine.face;

import static org.bytedeco.opencv.global.opencv_core.BORDER_CONSTANT;
import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.copyMakeBorder;
import static org.bytedeco.opencv.global.opencv_dnn.blobFromImage;
import static org.bytedeco.opencv.global.opencv_dnn.readNetFromTFLite;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import ai.fym.engine.errors.FymException;
import ai.fym.engine.geom.Box;
import ai.fym.engine.image.ImageCodec;
import ai.fym.engine.image.RgbImage;
import ai.fym.engine.nn.ModelResources;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_core.StringVector;
import org.bytedeco.opencv.opencv_dnn.Net;

/**
 * MediaPipe's short-range BlazeFace run through OpenCV dnn's TFLite importer. The frame is letterboxed
 * to a square (centred, black padding) so faces keep their aspect ratio, shrunk to 128 x 128, scaled to
 * [-1, 1], and the decoded boxes and keypoints are mapped back to frame pixels. Not thread-safe.
 */
final class BlazeFaceDetector implements FaceDetector {
  static final String NAME = "blazeface";
  static final String MODEL = "blazeface/face_detection_short_range.tflite";
  private static final String[] OUTPUTS = {"classificators", "regressors"};

  private final Net net;
  private final float minScore;

  BlazeFaceDetector(float minScore) throws FymException {
    if (!(minScore > 0f && minScore < 1f)) {
      throw new IllegalArgumentException("minScore must lie in (0, 1), got " + minScore);
    }
    this.net = readNetFromTFLite(ModelResources.readVerified(ModelResources::read, MODEL));
    this.minScore = minScore;
  }

  @Override
  public List<FaceDetection> detect(RgbImage frame) {
    int side = Math.max(frame.width(), frame.height());
    int padX = (side - frame.width()) / 2;
    int padY = (side - frame.height()) / 2;
    float[] logits = new float[BlazeFaceDecoder.ANCHORS];
    float[] regressors = new float[BlazeFaceDecoder.ANCHORS * BlazeFaceDecoder.VALUES_PER_ANCHOR];
    try (Mat bgr = ImageCodec.toBgr(frame);
        Mat square = new Mat();
        Mat small = new Mat();
        Scalar black = new Scalar(0, 0, 0, 0);
        Size inputSize = new Size(BlazeFaceDecoder.INPUT_SIZE, BlazeFaceDecoder.INPUT_SIZE);
        Scalar mean = new Scalar(127.5, 127.5, 127.5, 0);
        MatVector outs = new MatVector();
        StringVector names = new StringVector(OUTPUTS)) {
      copyMakeBorder(bgr, square, padY, side - frame.height() - padY, padX, side - frame.width() - padX,
          BORDER_CONSTANT, black);
      resize(square, small, inputSize, 0, 0, INTER_AREA);
      try (Mat blob = blobFromImage(small, 1 / 127.5, inputSize, mean, true, false, CV_32F)) {
        net.setInput(blob);
        net.forward(outs, names);
      }
      copyFloats(outs.get(0), logits);
      copyFloats(outs.get(1), regressors);
    }
    List<BlazeFaceDecoder.Candidate> faces =
        BlazeFaceDecoder.weightedNms(BlazeFaceDecoder.decode(logits, regressors, minScore));
    List<FaceDetection> out = new ArrayList<>(faces.size());
    for (BlazeFaceDecoder.Candidate c : faces) {
      Box b = c.box();
      Box box = new Box(b.x() * side - padX, b.y() * side - padY, b.width() * side, b.height() * side);
      float[] kp = c.keypoints().clone();
      for (int i = 0; i < kp.length; i += 2) {
        kp[i] = kp[i] * side - padX;
        kp[i + 1] = kp[i + 1] * side - padY;
      }
      out.add(new FaceDetection(box, c.score(), kp, NAME));
    }
    return out;
  }

  private static void copyFloats(Mat output, float[] into) {
    if (output.total() * output.channels() != into.length) {
      throw new IllegalStateException("BlazeFace output has " + output.total() * output.channels()
          + " values, expected " + into.length);
    }
    FloatBuffer data = output.createBuffer();
    data.get(into);
    output.close();
  }

  @Override
  public void close() {
    net.close();
  }
}
