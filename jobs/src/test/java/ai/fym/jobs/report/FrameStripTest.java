package ai.fym.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fym.engine.image.RgbImage;
import java.awt.Color;
import java.awt.Point;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The frame strip's PNG: grid size, each frame's pixels in its cell, missing frames and labels. */
class FrameStripTest {
  private static RgbImage solid(int w, int h, int r, int g, int b) {
    byte[] rgb = new byte[w * h * 3];
    for (int i = 0; i < rgb.length; i += 3) {
      rgb[i] = (byte) r;
      rgb[i + 1] = (byte) g;
      rgb[i + 2] = (byte) b;
    }
    return new RgbImage(w, h, rgb);
  }

  private static FrameStrip strip() {
    RgbImage red = solid(64, 48, 220, 20, 30);
    RgbImage green = solid(64, 48, 10, 200, 40);
    return new FrameStrip(List.of(0, 12, 23), List.of(
        new FrameStrip.Row("source", List.of(red, red, red)),
        new FrameStrip.Row("a long method label \u00b7 0123abcd", Arrays.asList(green, null, green))), 80);
  }

  @Test
  void pngHoldsOneThumbnailPerRowAndFrame() throws Exception {
    FrameStrip strip = strip();
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    assertTrue(ImageIO.write(strip.render(), "png", png));
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.toByteArray()));
    assertEquals(60, strip.thumbHeight(), "4:3 frames at 80 px wide");
    Point afterLast = strip.cellOrigin(2, 3);
    assertEquals(afterLast.x, image.getWidth());
    assertEquals(afterLast.y, image.getHeight());
    assertEquals(new Color(220, 20, 30).getRGB(), centre(image, strip, 0, 2));
    assertEquals(new Color(10, 200, 40).getRGB(), centre(image, strip, 1, 0));
  }

  @Test
  void aMissingFrameIsAGreyCell() {
    FrameStrip strip = strip();
    BufferedImage image = strip.render();
    Point cell = strip.cellOrigin(1, 1);
    assertEquals(FrameStrip.MISSING.getRGB(), image.getRGB(cell.x + 2, cell.y + 2));
  }

  @Test
  void labelsAreDrawnLeftOfTheRows() {
    FrameStrip strip = strip();
    BufferedImage image = strip.render();
    int dark = 0;
    Point row = strip.cellOrigin(1, 0);
    for (int y = row.y; y < row.y + strip.thumbHeight(); y++) {
      for (int x = 0; x < row.x; x++) {
        if ((image.getRGB(x, y) & 0xff) < 128) {
          dark++;
        }
      }
    }
    assertTrue(dark > 50, "label pixels: " + dark);
  }

  @Test
  void rowsMustHaveOneFramePerColumn() {
    RgbImage red = solid(8, 8, 255, 0, 0);
    assertThrows(IllegalArgumentException.class, () -> new FrameStrip(List.of(0, 1),
        List.of(new FrameStrip.Row("source", List.of(red))), 80));
  }

  private static int centre(BufferedImage image, FrameStrip strip, int row, int column) {
    Point at = strip.cellOrigin(row, column);
    return image.getRGB(at.x + strip.thumbWidth() / 2, at.y + strip.thumbHeight() / 2);
  }
}
