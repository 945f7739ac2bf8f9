package ai.fym.engine.landmarks;

import ai.fym.engine.errors.FymException;
import ai.fym.engine.geom.Box;
import ai.fym.engine.image.RgbImage;
import ai.fym.engine.nn.Conv2d;
import ai.fym.engine.nn.ConvKernel;
import ai.fym.engine.nn.ConvWorkspace;
import ai.fym.engine.nn.CropSampler;
import ai.fym.engine.nn.Dense;
import ai.fym.engine.nn.FeatureMap;
import ai.fym.engine.nn.ModelResources;
import ai.fym.engine.nn.Padding;
import ai.fym.engine.nn.TfjsWeights;
import java.util.ArrayList;
import java.util.List;

/**
 * face-api's 68-point landmark network (MIT, {@code @vladmandic/face-api} 1.7.15) in plain Java:
 * four dense blocks (32, 64, 128, 256 channels) on a 112x112 face crop, global average pooling and a
 * fully connected layer giving the 68 points in the unit square of the crop. Runs on the CPU with no
 * native code, so every Spark executor can compute landmarks for every frame.
 *
 * <p>Thread-safe: the weights are immutable and shared; each thread gets its own scratch buffers,
 * so one instance per JVM serves all tasks.
 */
public final class LandmarkNet {
  /** Side of the square network input, in pixels. */
  public static final int INPUT_SIZE = 112;
  /** Crop side relative to the larger side of the face box (1 = face-api's pad-to-square). */
  public static final float CROP_SCALE = 1.0f;

  static final String MANIFEST = "faceapi/face_landmark_68_model-weights_manifest.json";
  private static final float[] MEAN_RGB = {122.782f, 117.001f, 104.298f};
  private static final int[] BLOCK_CHANNELS = {32, 64, 128, 256};

  private static volatile LandmarkNet bundled;

  private final DenseBlock[] blocks;
  private final Dense head;
  private final ThreadLocal<Scratch> scratch;

  private LandmarkNet(TfjsWeights weights) {
    this.blocks = new DenseBlock[BLOCK_CHANNELS.length];
    blocks[0] = DenseBlock.withFirst(
        Conv2d.of(weights.get("dense0/conv0/filters", 3, 3, 3, 32), weights.get("dense0/conv0/bias", 32),
            2, Padding.SAME),
        weights, "dense0");
    for (int i = 1; i < blocks.length; i++) {
      blocks[i] = DenseBlock.separable(weights, "dense" + i, BLOCK_CHANNELS[i - 1], BLOCK_CHANNELS[i]);
    }
    this.head = new Dense(weights.get("fc/weights", 256, 136), weights.get("fc/bias", 136));
    this.scratch = ThreadLocal.withInitial(this::newScratch);
  }

  /**
   * The network with the bundled weights, loaded and sha256-verified once per JVM.
   *
   * @throws FymException MODEL_INTEGRITY when a bundled file is damaged
   */
  public static LandmarkNet load() throws FymException {
    LandmarkNet net = bundled;
    if (net == null) {
      synchronized (LandmarkNet.class) {
        net = bundled;
        if (net == null) {
          net = load(ModelResources::read);
          bundled = net;
        }
      }
    }
    return net;
  }

  /** Loads through another reader (tests use it to feed damaged files). */
  static LandmarkNet load(ModelResources.Reader reader) throws FymException {
    return new LandmarkNet(TfjsWeights.load(reader, MANIFEST));
  }

  /** The square frame window the network sees for a face box. */
  public static Box cropFor(Box faceBox) {
    return faceBox.squareAround(CROP_SCALE);
  }

  /**
   * Detects the 68 landmarks of the face in {@code faceBox} (frame pixels; the window may extend
   * past the frame, whose border pixels are then repeated).
   */
  public Landmarks68 detect(RgbImage frame, Box faceBox) {
    if (!(faceBox.width() > 0 && faceBox.height() > 0)) {
      throw new IllegalArgumentException("face box must have a positive size: " + faceBox);
    }
    Scratch s = scratch.get();
    Box crop = cropFor(faceBox);
    CropSampler.sample(frame, crop, MEAN_RGB, 1f / 255f, s.input);
    FeatureMap x = s.input;
    for (int i = 0; i < blocks.length; i++) {
      x = blocks[i].run(x, s.blocks[i], s.workspace);
    }
    x.meanPerChannel(s.pooled);
    head.apply(s.pooled, s.points);
    float[] xy = new float[2 * Landmarks68.COUNT];
    for (int i = 0; i < Landmarks68.COUNT; i++) {
      xy[2 * i] = crop.x() + s.points[2 * i] * crop.width();
      xy[2 * i + 1] = crop.y() + s.points[2 * i + 1] * crop.height();
    }
    return new Landmarks68(xy);
  }

  private Scratch newScratch() {
    Scratch s = new Scratch();
    s.input = new FeatureMap(INPUT_SIZE, INPUT_SIZE, 3, 1);
    s.blocks = new DenseBlock.Buffers[blocks.length];
    int size = INPUT_SIZE;
    List<ConvKernel> kernels = new ArrayList<>();
    for (int i = 0; i < blocks.length; i++) {
      size = blocks[i].outSize(size);
      s.blocks[i] = new DenseBlock.Buffers(size, blocks[i].outChannels());
      kernels.addAll(blocks[i].kernels());
    }
    s.workspace = ConvWorkspace.forKernels(kernels);
    s.pooled = new float[head.inputs()];
    s.points = new float[head.outputs()];
    return s;
  }

  /** One thread's buffers: everything {@link #detect} writes except its result. */
  private static final class Scratch {
    FeatureMap input;
    DenseBlock.Buffers[] blocks;
    ConvWorkspace workspace;
    float[] pooled;
    float[] points;
  }
}
