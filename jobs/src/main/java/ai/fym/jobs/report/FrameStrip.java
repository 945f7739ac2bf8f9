package ai.fym.jobs.report;

import ai.fym.engine.geom.Box;
import ai.fym.engine.image.RgbImage;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Point;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * A before/after grid drawn with Java2D: one row per video (source, edit, each corrected method), one
 * column per sampled frame, every frame downscaled to the same thumbnail size, row labels on the left
 * and frame numbers on top. A frame that could not be read is drawn as a grey "n/a" cell, so a missing
 * or broken video never hides the others.
 */
public final class FrameStrip {
  /** Background of the whole strip. */
  public static final Color BACKGROUND = Color.WHITE;
  /** Fill of a cell whose frame is missing. */
  public static final Color MISSING = new Color(0xdddddd);

  private static final int LABEL_WIDTH = 170;
  private static final int HEADER_HEIGHT = 22;
  private static final int GAP = 4;
  private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

  private final List<Integer> frameIndices;
  private final List<Row> rows;
  private final int thumbWidth;
  private final int thumbHeight;

  /** One labelled row; {@code frames.get(i)} is the frame at the strip's i-th index, or null when missing. */
  public record Row(String label, List<RgbImage> frames) {}

  /**
   * A strip over frames {@code frameIndices}; thumbnails are {@code thumbWidth} px wide and as high as
   * the first available frame's aspect ratio gives (4:3 when no frame is available).
   */
  public FrameStrip(List<Integer> frameIndices, List<Row> rows, int thumbWidth) {
    if (frameIndices.isEmpty() || rows.isEmpty() || thumbWidth < 16) {
      throw new IllegalArgumentException("a frame strip needs frames, rows and thumbnails of at least 16 px");
    }
    for (Row r : rows) {
      if (r.frames().size() != frameIndices.size()) {
        throw new IllegalArgumentException("row " + r.label() + " has " + r.frames().size() + " frames for "
            + frameIndices.size() + " columns");
      }
    }
    this.frameIndices = List.copyOf(frameIndices);
    this.rows = List.copyOf(rows);
    this.thumbWidth = thumbWidth;
    this.thumbHeight = rows.stream().flatMap(r -> r.frames().stream()).filter(f -> f != null).findFirst()
        .map(f -> Math.max(1, Math.round(thumbWidth * (float) f.height() / f.width()))).orElse(thumbWidth * 3 / 4);
  }

  /** Top-left pixel of the cell of row {@code row}, column {@code column}. */
  public Point cellOrigin(int row, int column) {
    return new Point(LABEL_WIDTH + column * (thumbWidth + GAP), HEADER_HEIGHT + row * (thumbHeight + GAP));
  }

  public int thumbWidth() {
    return thumbWidth;
  }

  public int thumbHeight() {
    return thumbHeight;
  }

  /** Draws the strip. */
  public BufferedImage render() {
    int width = LABEL_WIDTH + frameIndices.size() * (thumbWidth + GAP);
    int height = HEADER_HEIGHT + rows.size() * (thumbHeight + GAP);
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(BACKGROUND);
      g.fillRect(0, 0, width, height);
      g.setFont(FONT);
      FontMetrics fm = g.getFontMetrics();
      g.setColor(Color.DARK_GRAY);
      for (int c = 0; c < frameIndices.size(); c++) {
        String label = "frame " + frameIndices.get(c);
        int x = cellOrigin(0, c).x + (thumbWidth - fm.stringWidth(label)) / 2;
        g.drawString(label, x, HEADER_HEIGHT - 7);
      }
      for (int r = 0; r < rows.size(); r++) {
        drawRow(g, fm, image, r);
      }
    } finally {
      g.dispose();
    }
    return image;
  }

  private void drawRow(Graphics2D g, FontMetrics fm, BufferedImage image, int r) {
    Row row = rows.get(r);
    Point first = cellOrigin(r, 0);
    g.setColor(Color.BLACK);
    List<String> lines = wrap(row.label(), fm, LABEL_WIDTH - 10);
    int textTop = first.y + (thumbHeight - lines.size() * fm.getHeight()) / 2 + fm.getAscent();
    for (int i = 0; i < lines.size(); i++) {
      g.drawString(lines.get(i), 4, textTop + i * fm.getHeight());
    }
    for (int c = 0; c < frameIndices.size(); c++) {
      Point at = cellOrigin(r, c);
      RgbImage frame = row.frames().get(c);
      if (frame == null) {
        g.setColor(MISSING);
        g.fillRect(at.x, at.y, thumbWidth, thumbHeight);
        g.setColor(Color.GRAY);
        g.drawString("n/a", at.x + (thumbWidth - fm.stringWidth("n/a")) / 2, at.y + thumbHeight / 2);
      } else {
        paint(image, thumbnail(frame), at);
      }
    }
  }

  private RgbImage thumbnail(RgbImage frame) {
    return frame.resample(new Box(0, 0, frame.width(), frame.height()), thumbWidth, thumbHeight);
  }

  private static void paint(BufferedImage image, RgbImage thumb, Point at) {
    byte[] rgb = thumb.rgb();
    for (int y = 0; y < thumb.height(); y++) {
      for (int x = 0; x < thumb.width(); x++) {
        int o = (y * thumb.width() + x) * 3;
        int pixel = (rgb[o] & 0xff) << 16 | (rgb[o + 1] & 0xff) << 8 | (rgb[o + 2] & 0xff);
        image.setRGB(at.x + x, at.y + y, pixel);
      }
    }
  }

  /** Splits a label into lines that fit {@code maxWidth}, breaking at spaces (or anywhere in a long word). */
  private static List<String> wrap(String text, FontMetrics fm, int maxWidth) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      String candidate = line.length() == 0 ? word : line + " " + word;
      if (fm.stringWidth(candidate) <= maxWidth) {
        line.setLength(0);
        line.append(candidate);
        continue;
      }
      if (line.length() > 0) {
        lines.add(line.toString());
        line.setLength(0);
      }
      String rest = word;
      while (fm.stringWidth(rest) > maxWidth && rest.length() > 1) {
        int cut = rest.length() - 1;
        while (cut > 1 && fm.stringWidth(rest.substring(0, cut)) > maxWidth) {
          cut--;
        }
        lines.add(rest.substring(0, cut));
        rest = rest.substring(cut);
      }
      line.append(rest);
    }
    if (line.length() > 0) {
      lines.add(line.toString());
    }
    return lines;
  }
}
