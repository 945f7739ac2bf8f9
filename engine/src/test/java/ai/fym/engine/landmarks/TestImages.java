package ai.fym.engine.landmarks;

import ai.fym.engine.image.RgbImage;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Test helper: converts between {@link RgbImage} and {@link BufferedImage} (ImageIO), independent
 * of the OpenCV codec, so these tests do not depend on {@code ImageCodec.decode}.
 */
public final class TestImages {
  private TestImages() {}

  public static RgbImage read(Path file) throws IOException {
    BufferedImage img = ImageIO.read(file.toFile());
    if (img == null) {
      throw new IOException(file + " is not an image ImageIO can read");
    }
    return fromBuffered(img);
  }

  public static RgbImage fromBuffered(BufferedImage img) {
    int w = img.getWidth();
    int h = img.getHeight();
    byte[] rgb = new byte[w * h * 3];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int p = img.getRGB(x, y);
        int o = (y * w + x) * 3;
        rgb[o] = (byte) (p >> 16);
        rgb[o + 1] = (byte) (p >> 8);
        rgb[o + 2] = (byte) p;
      }
    }
    return new RgbImage(w, h, rgb);
  }

  public static BufferedImage toBuffered(RgbImage image) {
    BufferedImage img = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_INT_RGB);
    byte[] rgb = image.rgb();
    for (int y = 0; y < image.height(); y++) {
      for (int x = 0; x < image.width(); x++) {
        int o = (y * image.width() + x) * 3;
        img.setRGB(x, y, (rgb[o] & 0xff) << 16 | (rgb[o + 1] & 0xff) << 8 | (rgb[o + 2] & 0xff));
      }
    }
    return img;
  }
}
