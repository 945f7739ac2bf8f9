package ai.fym.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The line chart's PNG: its size, that it is drawn, and series and markers where their data says. */
class LineChartTest {
  private static final double[] XS = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10};

  private static double[] constant(double v) {
    double[] ys = new double[XS.length];
    java.util.Arrays.fill(ys, v);
    return ys;
  }

  private static LineChart twoSeries(double[] first) {
    return new LineChart("warp", "frame", "error", 600, 300,
        List.of(new LineChart.Series("raw", XS, first, LineChart.color(0)), new LineChart.Series("fym", XS, constant(2), LineChart.color(1))),
        List.of(5.5));
  }

  @Test
  void pngHasTheRequestedSizeAndIsNotBlank() throws Exception {
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    assertTrue(ImageIO.write(twoSeries(constant(7)).render(), "png", png));
    BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(png.toByteArray()));
    assertEquals(600, decoded.getWidth());
    assertEquals(300, decoded.getHeight());
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < decoded.getHeight(); y += 2) {
      for (int x = 0; x < decoded.getWidth(); x += 2) {
        colours.add(decoded.getRGB(x, y) & 0xffffff);
      }
    }
    assertTrue(colours.size() > 10, "only " + colours.size() + " colours: the chart looks blank");
  }

  @Test
  void eachSeriesIsDrawnInItsColourAtItsValue() {
    LineChart chart = twoSeries(constant(7));
    BufferedImage image = chart.render();
    assertTrue(hasColourNear(image, chart.pixelX(3), chart.pixelY(7), LineChart.color(0)));
    assertTrue(hasColourNear(image, chart.pixelX(3), chart.pixelY(2), LineChart.color(1)));
    assertTrue(!hasColourNear(image, chart.pixelX(3), chart.pixelY(4.5), LineChart.color(0)));
  }

  @Test
  void aMissingValueBreaksTheLine() {
    double[] gappy = constant(7);
    gappy[4] = Double.NaN;
    gappy[5] = Double.NaN;
    gappy[6] = Double.NaN;
    LineChart chart = twoSeries(gappy);
    BufferedImage image = chart.render();
    assertTrue(hasColourNear(image, chart.pixelX(2), chart.pixelY(7), LineChart.color(0)));
    assertTrue(!hasColourNear(image, chart.pixelX(5), chart.pixelY(7), LineChart.color(0)));
  }

  @Test
  void markersAreVerticalLinesAcrossThePlot() {
    LineChart chart = twoSeries(constant(7));
    BufferedImage image = chart.render();
    int column = (int) Math.floor(chart.pixelX(5.5));
    int marked = 0;
    for (int y = (int) chart.pixelY(6.5); y < chart.pixelY(2.5); y++) {
      for (int dx = -1; dx <= 1; dx++) {
        if (distance(image.getRGB(column + dx, y), LineChart.MARKER) < 60) {
          marked++;
          break;
        }
      }
    }
    assertTrue(marked > 10, "marker pixels in the column: " + marked);
    assertNotEquals(chart.pixelX(5), chart.pixelX(6));
  }

  @Test
  void rejectsATinyCanvasAndMismatchedSeries() {
    assertThrows(IllegalArgumentException.class, () -> new LineChart("t", "x", "y", 50, 50, List.of(), List.of()));
    assertThrows(IllegalArgumentException.class, () -> new LineChart.Series("s", XS, new double[2], Color.RED));
  }

  @Test
  void anEmptyChartStillRenders() {
    BufferedImage image = new LineChart("none", "frame", "error", 300, 200, List.of(), List.of()).render();
    assertEquals(300, image.getWidth());
  }

  /** Whether the exact colour is within one pixel of (x, y). */
  static boolean hasColourNear(BufferedImage image, double x, double y, Color colour) {
    for (int dy = -1; dy <= 1; dy++) {
      for (int dx = -1; dx <= 1; dx++) {
        if ((image.getRGB((int) Math.floor(x) + dx, (int) Math.floor(y) + dy) & 0xffffff) == (colour.getRGB()
            & 0xffffff)) {
          return true;
        }
      }
    }
    return false;
  }

  private static int distance(int rgb, Color c) {
    return Math.abs((rgb >> 16 & 0xff) - c.getRed()) + Math.abs((rgb >> 8 & 0xff) - c.getGreen())
        + Math.abs((rgb & 0xff) - c.getBlue());
  }
}
