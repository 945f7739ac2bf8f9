package ai.fym.engine.correct;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fym.engine.image.RgbImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CanonicalEditTest {
  private static final int W = 48;
  private static final int H = 36;

  @Test
  void aJitteredColourTransformOfAStaticShotComesOutAsItsMean() {
    Random random = new Random(3);
    RgbImage source = texture(random);
    float[] identity = new float[2 * W * H];
    for (int p = 0; p < W * H; p++) {
      identity[2 * p] = p % W;
      identity[2 * p + 1] = p / W;
    }
    List<RgbImage> edits = new ArrayList<>();
    double[] gains = {0.85, 0.95, 0.9, 0.8, 1.0, 0.9};
    for (double gain : gains) {
      edits.add(transform(source, gain));
    }
    CanonicalEdit canonical = new CanonicalEdit(source, 24, 12, 1f, 0.5f);
    for (RgbImage e : edits) {
      canonical.fit(source, e, identity);
    }
    canonical.solve();
    CanonicalEdit.Detail detail = canonical.newDetail();
    for (RgbImage e : edits) {
      canonical.addDetail(detail, source, e, identity);
    }
    float[] average = canonical.average(new CanonicalEdit.Detail[] {detail}, new float[] {1f});
    RgbImage expected = transform(source, 0.9);
    RgbImage first = canonical.render(source, identity, average);
    double error = 0;
    for (int i = 0; i < expected.rgb().length; i++) {
      error = Math.max(error, Math.abs((first.rgb()[i] & 0xff) - (expected.rgb()[i] & 0xff)));
    }
    assertTrue(error <= 2, "the mean transform (gain 0.9 on red, +20 on blue) within 2 grey levels: " + error);
  }

  /** Red scaled by {@code gain}, blue lifted by 20, green kept: an affine colour edit. */
  private static RgbImage transform(RgbImage image, double gain) {
    byte[] in = image.rgb();
    byte[] out = new byte[in.length];
    for (int i = 0; i < in.length; i += 3) {
      out[i] = (byte) Math.round((in[i] & 0xff) * gain);
      out[i + 1] = in[i + 1];
      out[i + 2] = (byte) Math.min(255, (in[i + 2] & 0xff) + 20);
    }
    return new RgbImage(W, H, out);
  }

  private static RgbImage texture(Random random) {
    byte[] rgb = new byte[W * H * 3];
    for (int i = 0; i < rgb.length; i++) {
      rgb[i] = (byte) (30 + random.nextInt(190));
    }
    return new RgbImage(W, H, rgb);
  }
}
