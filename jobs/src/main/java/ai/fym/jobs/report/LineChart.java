package ai.fym.jobs.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * A line chart drawn with Java2D: one polyline per series (a missing value, NaN, breaks the line),
 * axes with "nice" ticks, axis titles, a legend above the plot and dashed vertical markers (shot
 * boundaries). The data range is fixed once the chart is built, so {@link #pixelX} and {@link #pixelY}
 * tell where a data point lands in the rendered image (tests check line colours there).
 */
public final class LineChart {
  /** Distinct series colours; {@link #color(int)} cycles through them. */
  public static final List<Color> PALETTE = List.of(new Color(0x1f77b4), new Color(0xd62728),
      new Color(0x2ca02c), new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b),
      new Color(0xe377c2), new Color(0x17becf));
  /** Colour of the vertical markers. */
  public static final Color MARKER = new Color(0x999999);

  private static final int LEFT = 64;
  private static final int RIGHT = 16;
  private static final int BOTTOM = 44;
  private static final int TITLE_HEIGHT = 22;
  private static final int LEGEND_ROW = 18;
  private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

  private final String title;
  private final String xTitle;
  private final String yTitle;
  private final int width;
  private final int height;
  private final List<Series> series;
  private final List<Double> markers;
  private final Axis xAxis;
  private final Axis yAxis;
  private final int legendRows;

  /** One named polyline in its colour; {@code ys[i]} may be NaN where the value is missing. */
  public record Series(String name, double[] xs, double[] ys, Color colour) {
    public Series {
      if (xs.length != ys.length) {
        throw new IllegalArgumentException("series " + name + " has " + xs.length + " x and " + ys.length + " y");
      }
    }
  }

  /**
   * A chart of {@code width x height} pixels over the given series and vertical markers; the axes span
   * the finite data (and markers on x), y always includes 0.
   */
  public LineChart(String title, String xTitle, String yTitle, int width, int height, List<Series> series,
      List<Double> markers) {
    if (width < 200 || height < 150) {
      throw new IllegalArgumentException("a chart needs at least 200x150 px, got " + width + "x" + height);
    }
    this.title = title;
    this.xTitle = xTitle;
    this.yTitle = yTitle;
    this.width = width;
    this.height = height;
    this.series = List.copyOf(series);
    this.markers = List.copyOf(markers);
    this.legendRows = legendRows();
    double[] xr = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
    double[] yr = {0, Double.NEGATIVE_INFINITY};
    for (Series s : this.series) {
      for (int i = 0; i < s.xs().length; i++) {
        if (Double.isFinite(s.xs()[i]) && Double.isFinite(s.ys()[i])) {
          extend(xr, s.xs()[i]);
          extend(yr, s.ys()[i]);
        }
      }
    }
    this.markers.forEach(m -> extend(xr, m));
    this.xAxis = Axis.of(xr[0], xr[1]);
    this.yAxis = Axis.of(yr[0], yr[1]);
  }

  /** Horizontal pixel of data value {@code x}. */
  public double pixelX(double x) {
    return plotLeft() + (x - xAxis.min()) / (xAxis.max() - xAxis.min()) * (plotRight() - plotLeft());
  }

  /** Vertical pixel of data value {@code y}. */
  public double pixelY(double y) {
    return plotBottom() - (y - yAxis.min()) / (yAxis.max() - yAxis.min()) * (plotBottom() - plotTop());
  }

  /** Draws the chart on a white background. */
  public BufferedImage render() {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, width, height);
      g.setFont(FONT);
      drawTitleAndLegend(g);
      drawGridAndAxes(g);
      drawMarkers(g);
      drawSeries(g);
    } finally {
      g.dispose();
    }
    return image;
  }

  private void drawTitleAndLegend(Graphics2D g) {
    FontMetrics fm = g.getFontMetrics();
    g.setColor(Color.BLACK);
    g.setFont(FONT.deriveFont(Font.BOLD));
    g.drawString(title, LEFT, 16);
    g.setFont(FONT);
    int x = LEFT;
    int row = 0;
    for (int i = 0; i < series.size(); i++) {
      int w = legendWidth(fm, series.get(i).name());
      if (x > LEFT && x + w > width - RIGHT) {
        x = LEFT;
        row++;
      }
      int y = TITLE_HEIGHT + row * LEGEND_ROW + 12;
      g.setColor(series.get(i).colour());
      g.setStroke(new BasicStroke(3f));
      g.draw(new Line2D.Double(x, y - 4, x + 18, y - 4));
      g.setColor(Color.DARK_GRAY);
      g.drawString(series.get(i).name(), x + 24, y);
      x += w;
    }
  }

  private void drawGridAndAxes(Graphics2D g) {
    FontMetrics fm = g.getFontMetrics();
    g.setStroke(new BasicStroke(1f));
    for (double v : yAxis.ticks()) {
      int py = (int) Math.round(pixelY(v));
      g.setColor(new Color(0xeeeeee));
      g.drawLine(plotLeft(), py, plotRight(), py);
      g.setColor(Color.DARK_GRAY);
      g.drawLine(plotLeft() - 4, py, plotLeft(), py);
      String label = yAxis.label(v);
      g.drawString(label, plotLeft() - 6 - fm.stringWidth(label), py + fm.getAscent() / 2 - 1);
    }
    for (double v : xAxis.ticks()) {
      int px = (int) Math.round(pixelX(v));
      g.setColor(Color.DARK_GRAY);
      g.drawLine(px, plotBottom(), px, plotBottom() + 4);
      String label = xAxis.label(v);
      g.drawString(label, px - fm.stringWidth(label) / 2, plotBottom() + 6 + fm.getAscent());
    }
    g.setColor(Color.BLACK);
    g.drawLine(plotLeft(), plotTop(), plotLeft(), plotBottom());
    g.drawLine(plotLeft(), plotBottom(), plotRight(), plotBottom());
    g.drawString(xTitle, (plotLeft() + plotRight() - fm.stringWidth(xTitle)) / 2, height - 6);
    Graphics2D rotated = (Graphics2D) g.create();
    try {
      rotated.rotate(-Math.PI / 2);
      int mid = (plotTop() + plotBottom()) / 2;
      rotated.drawString(yTitle, -mid - fm.stringWidth(yTitle) / 2, fm.getAscent() + 2);
    } finally {
      rotated.dispose();
    }
  }

  private void drawMarkers(Graphics2D g) {
    g.setColor(MARKER);
    g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {5f, 4f}, 0f));
    for (double m : markers) {
      g.draw(new Line2D.Double(pixelX(m), plotTop(), pixelX(m), plotBottom()));
    }
  }

  private void drawSeries(Graphics2D g) {
    g.setStroke(new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    for (int i = 0; i < series.size(); i++) {
      Series s = series.get(i);
      Path2D.Double path = new Path2D.Double();
      boolean open = false;
      for (int k = 0; k < s.xs().length; k++) {
        double x = s.xs()[k];
        double y = s.ys()[k];
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
          open = false;
          continue;
        }
        if (open) {
          path.lineTo(pixelX(x), pixelY(y));
        } else {
          path.moveTo(pixelX(x), pixelY(y));
          // A lone point still shows: a zero-length segment with round caps draws a dot.
          path.lineTo(pixelX(x), pixelY(y));
          open = true;
        }
      }
      g.setColor(s.colour());
      g.draw(path);
    }
  }

  /** The {@code index}-th palette colour, cycling; callers give each thing they compare its own index. */
  public static Color color(int index) {
    return PALETTE.get(index % PALETTE.size());
  }

  private int legendRows() {
    BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = probe.createGraphics();
    try {
      FontMetrics fm = g.getFontMetrics(FONT);
      int x = LEFT;
      int rows = series.isEmpty() ? 0 : 1;
      for (Series s : series) {
        int w = legendWidth(fm, s.name());
        if (x > LEFT && x + w > width - RIGHT) {
          x = LEFT;
          rows++;
        }
        x += w;
      }
      return rows;
    } finally {
      g.dispose();
    }
  }

  private static int legendWidth(FontMetrics fm, String name) {
    return 24 + fm.stringWidth(name) + 18;
  }

  private static void extend(double[] range, double v) {
    range[0] = Math.min(range[0], v);
    range[1] = Math.max(range[1], v);
  }

  private int plotLeft() {
    return LEFT;
  }

  private int plotRight() {
    return width - RIGHT;
  }

  private int plotTop() {
    return TITLE_HEIGHT + legendRows * LEGEND_ROW + 10;
  }

  private int plotBottom() {
    return height - BOTTOM;
  }
}
