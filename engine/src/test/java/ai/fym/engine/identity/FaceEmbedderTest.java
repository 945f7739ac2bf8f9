package ai.fym.engine.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fym.engine.errors.FymException;
import ai.fym.engine.geom.Box;
import ai.fym.engine.image.ImageCodec;
import ai.fym.engine.image.RgbImage;
import ai.fym.engine.nn.ModelResources;
import ai.fym.engine.testing.Samples;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FaceEmbedderTest {
  private static RgbImage hopper;
  private static Box hopperFace;
  private static FaceEmbedder embedder;

  @BeforeAll
  static void setUp() throws Exception {
    hopper = ImageCodec.read(Samples.graceHopper());
    hopperFace = Samples.largestHaarFace(hopper).orElseThrow(() -> new AssertionError("no face in Grace Hopper"));
    embedder = FaceEmbedder.load();
  }

  @Test
  void descriptorHasUnitNorm() {
    float[] d = embedder.embed(hopper, hopperFace);
    assertEquals(FaceEmbedder.DIMENSIONS, d.length);
    double norm = 0;
    for (float v : d) {
      assertTrue(Float.isFinite(v));
      norm += v * v;
    }
    assertEquals(1.0, Math.sqrt(norm), 1e-4);
  }

  @Test
  void slightlyMovedCropOfTheSameFaceStaysClose() {
    float[] base = embedder.embed(hopper, hopperFace);
    float s = hopperFace.width();
    Box[] moved = {
        new Box(hopperFace.x() + 0.04f * s, hopperFace.y() - 0.03f * s, s, hopperFace.height()),
        new Box(hopperFace.x() - 0.03f * s, hopperFace.y() + 0.04f * s, s, hopperFace.height()),
        hopperFace.squareAround(1.06f),
        hopperFace.squareAround(0.95f),
    };
    for (Box box : moved) {
      float d = FaceEmbedder.distance(base, embedder.embed(hopper, box));
      System.out.printf("hopper vs moved crop %s: %.3f%n", box, d);
      assertTrue(d < 0.4f, "moved crop " + box + " is " + d + " away");
    }
  }

  @Test
  void anotherFaceIsFartherThanTheSameFace() throws Exception {
    RgbImage frame = megamindFrameWithFace();
    Box otherFace = Samples.largestHaarFace(frame).orElseThrow();
    float[] base = embedder.embed(hopper, hopperFace);
    float same = FaceEmbedder.distance(base, embedder.embed(hopper, hopperFace.squareAround(1.05f)));
    float sameMirrored = FaceEmbedder.distance(base, embedder.embed(mirror(hopper), mirror(hopperFace, hopper)));
    float other = FaceEmbedder.distance(base, embedder.embed(frame, otherFace));
    System.out.printf("hopper vs itself (5%% larger crop) %.3f, vs mirrored %.3f, vs megamind face %s: %.3f%n",
        same, sameMirrored, otherFace, other);
    assertTrue(sameMirrored < FaceEmbedder.SAME_PERSON_DISTANCE, "mirrored same face at " + sameMirrored);
    assertTrue(other > sameMirrored && other > same, "other face " + other + " not farther than " + same);
  }

  @Test
  void aDamagedModelFileIsAnIntegrityError() {
    ModelResources.Reader corrupting = path -> {
      byte[] bytes = ModelResources.read(path);
      if (path.endsWith(".bin")) {
        bytes[17] ^= 0x01;
      }
      return bytes;
    };
    FymException e = assertThrows(FymException.class, () -> FaceEmbedder.load(corrupting));
    assertEquals(FymException.Reason.MODEL_INTEGRITY, e.reason());
  }

  @Test
  void distanceIsEuclidean() {
    assertEquals(5f, FaceEmbedder.distance(new float[] {0, 3, 1}, new float[] {4, 0, 1}), 1e-6f);
  }

  /** The first frame of the Megamind clip in which the Haar cascade finds a face. */
  static RgbImage megamindFrameWithFace() throws Exception {
    for (RgbImage image : Samples.frames(Samples.megamind()).subList(0, 120)) {
      if (Samples.largestHaarFace(image).isPresent()) {
        return image;
      }
    }
    throw new AssertionError("no Haar face in the first 120 Megamind frames");
  }

  private static RgbImage mirror(RgbImage image) {
    int w = image.width();
    byte[] src = image.rgb();
    byte[] dst = new byte[src.length];
    for (int y = 0; y < image.height(); y++) {
      for (int x = 0; x < w; x++) {
        System.arraycopy(src, (y * w + x) * 3, dst, (y * w + (w - 1 - x)) * 3, 3);
      }
    }
    return new RgbImage(w, image.height(), dst);
  }

  private static Box mirror(Box box, RgbImage image) {
    return new Box(image.width() - box.x() - box.width(), box.y(), box.width(), box.height());
  }
}
