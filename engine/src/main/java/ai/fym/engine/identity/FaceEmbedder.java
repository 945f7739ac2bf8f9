package ai.fym.engine.identity;

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
import ai.fym.engine.nn.Pooling;
import ai.fym.engine.nn.TfjsWeights;
import java.util.ArrayList;
import java.util.List;

/**
 * face-api's face recognition network (MIT, {@code @vladmandic/face-api} 1.7.15; a port of dlib's
 * ResNet-34-like metric network) in plain Java: a 150x150 face crop becomes a 128-D descriptor, and
 * two faces of the same person lie closer than about 0.6 (Euclidean). Ingest uses it to merge tracks
 * into identities and the metrics stage to measure identity drift of an edit.
 *
 * <p>Thread-safe: the weights are immutable and shared; each thread gets its own scratch buffers.
 */
public final class FaceEmbedder {
  /** Side of the square network input, in pixels. */
  public static final int INPUT_SIZE = 150;
  /** Length of a descriptor. */
  public static final int DIMENSIONS = 128;
  /** face-api's usual same-person threshold on {@link #distance}. */
  public static final float SAME_PERSON_DISTANCE = 0.6f;

  static final String MANIFEST = "faceapi/face_recognition_model-weights_manifest.json";
  private static final float[] MEAN_RGB = {122.782f, 117.001f, 104.298f};

  private static volatile FaceEmbedder bundled;

  private final Conv2d stem;
  private final ResidualBlock[] blocks;
  private final Dense head;
  private final ThreadLocal<Scratch> scratch;

  private FaceEmbedder(TfjsWeights weights) {
    this.stem = ScaledConvs.load(weights, "conv32_down", 7, 3, 32, 2, Padding.VALID);
    this.blocks = new ResidualBlock[] {
        new ResidualBlock(weights, "conv32_1", 32, 32, false),
        new ResidualBlock(weights, "conv32_2", 32, 32, false),
        new ResidualBlock(weights, "conv32_3", 32, 32, false),
        new ResidualBlock(weights, "conv64_down", 32, 64, true),
        new ResidualBlock(weights, "conv64_1", 64, 64, false),
        new ResidualBlock(weights, "conv64_2", 64, 64, false),
        new ResidualBlock(weights, "conv64_3", 64, 64, false),
        new ResidualBlock(weights, "conv128_down", 64, 128, true),
        new ResidualBlock(weights, "conv128_1", 128, 128, false),
        new ResidualBlock(weights, "conv128_2", 128, 128, false),
        new ResidualBlock(weights, "conv256_down", 128, 256, true),
        new ResidualBlock(weights, "conv256_1", 256, 256, false),
        new ResidualBlock(weights, "conv256_2", 256, 256, false),
        new ResidualBlock(weights, "conv256_down_out", 256, 256, true),
    };
    this.head = new Dense(weights.get("fc", 256, DIMENSIONS), null);
    this.scratch = ThreadLocal.withInitial(this::newScratch);
  }

  /**
   * The network with the bundled weights, loaded and sha256-verified once per JVM.
   *
   * @throws FymException MODEL_INTEGRITY when a bundled file is damaged
   */
  public static FaceEmbedder load() throws FymException {
    FaceEmbedder e = bundled;
    if (e == null) {
      synchronized (FaceEmbedder.class) {
        e = bundled;
        if (e == null) {
          e = load(ModelResources::read);
          bundled = e;
        }
      }
    }
    return e;
  }

  /** Loads through another reader (tests use it to feed damaged files). */
  static FaceEmbedder load(ModelResources.Reader reader) throws FymException {
    return new FaceEmbedder(TfjsWeights.load(reader, MANIFEST));
  }

  /**
   * The unit-length descriptor of the face in {@code faceBox} (frame pixels). The network sees the
   * square around the box, as face-api's pad-to-square; {@code Landmarks68.alignedBox()} gives a
   * steadier box than a detector.
   */
  public float[] embed(RgbImage frame, Box faceBox) {
    if (!(faceBox.width() > 0 && faceBox.height() > 0)) {
      throw new IllegalArgumentException("face box must have a positive size: " + faceBox);
    }
    Scratch s = scratch.get();
    CropSampler.sample(frame, faceBox.squareAround(1f), MEAN_RGB, 1f / 255f, s.input);
    stem.apply(s.input, s.stemOut, true, s.workspace);
    Pooling.max(s.stemOut, 3, 2, s.pooled);
    FeatureMap x = s.pooled;
    for (int i = 0; i < blocks.length; i++) {
      x = blocks[i].run(x, s.blocks[i], s.workspace);
    }
    x.meanPerChannel(s.features);
    float[] descriptor = new float[DIMENSIONS];
    head.apply(s.features, descriptor);
    double norm = 0;
    for (float v : descriptor) {
      norm += v * v;
    }
    float inv = (float) (1 / Math.sqrt(Math.max(norm, 1e-12)));
    for (int i = 0; i < DIMENSIONS; i++) {
      descriptor[i] *= inv;
    }
    return descriptor;
  }

  /** Euclidean distance between two descriptors; below {@link #SAME_PERSON_DISTANCE} means same person. */
  public static float distance(float[] a, float[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("descriptors differ in length: " + a.length + " vs " + b.length);
    }
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      double d = a[i] - b[i];
      sum += d * d;
    }
    return (float) Math.sqrt(sum);
  }

  private Scratch newScratch() {
    Scratch s = new Scratch();
    s.input = new FeatureMap(INPUT_SIZE, INPUT_SIZE, 3, 0);
    int stemSize = stem.outSize(INPUT_SIZE);
    s.stemOut = new FeatureMap(stemSize, stemSize, 32, 0);
    int size = Pooling.outSize(stemSize, 3, 2);
    s.pooled = new FeatureMap(size, size, 32, 1);
    s.blocks = new ResidualBlock.Buffers[blocks.length];
    List<ConvKernel> kernels = new ArrayList<>(List.of(stem));
    for (int i = 0; i < blocks.length; i++) {
      s.blocks[i] = blocks[i].newBuffers(size);
      size = blocks[i].outSize(size);
      kernels.addAll(blocks[i].kernels());
    }
    s.workspace = ConvWorkspace.forKernels(kernels);
    s.features = new float[head.inputs()];
    return s;
  }

  /** One thread's buffers: everything {@link #embed} writes except its result. */
  private static final class Scratch {
    FeatureMap input;
    FeatureMap stemOut;
    FeatureMap pooled;
    ResidualBlock.Buffers[] blocks;
    ConvWorkspace workspace;
    float[] features;
  }
}
