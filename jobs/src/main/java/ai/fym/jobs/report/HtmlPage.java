package ai.fym.jobs.report;

import java.util.List;
import java.util.Locale;

/**
 * A small HTML5 document builder for the report: headings, paragraphs, images and tables, with every
 * text and attribute value escaped. The style sheet is inline, so the page needs nothing but its images.
 */
final class HtmlPage {
  private static final String STYLE = """
      body { font-family: system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; margin: 24px auto;
             max-width: 1280px; padding: 0 16px; color: #222; line-height: 1.4; }
      h1 { margin-bottom: 4px; } h2 { margin-top: 40px; border-bottom: 1px solid #ccc; padding-bottom: 4px; }
      h3 { margin: 18px 0 6px; font-size: 1.05em; }
      .meta { color: #666; font-size: 0.9em; }
      table { border-collapse: collapse; margin: 8px 0 16px; font-size: 0.9em; }
      th, td { border: 1px solid #ddd; padding: 4px 8px; }
      th { background: #f4f4f4; text-align: left; }
      td.num { text-align: right; font-variant-numeric: tabular-nums; }
      td.best { background: #d9f2d9; font-weight: bold; }
      td.pass { color: #176b17; font-weight: bold; } td.reject { color: #b00020; font-weight: bold; }
      img { max-width: 100%; height: auto; border: 1px solid #eee; display: block; margin: 6px 0; }
      ul.toc { columns: 3; font-size: 0.9em; }
      code { font-size: 0.9em; }
      """;

  private final StringBuilder body = new StringBuilder();
  private final String title;

  HtmlPage(String title) {
    this.title = title;
  }

  /** Escapes text for an element's content or a quoted attribute value. */
  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** A metric value for people: three decimals below 100, one above, an en dash when missing. */
  static String number(double v) {
    if (!Double.isFinite(v)) {
      return "\u2013";
    }
    return String.format(Locale.ROOT, Math.abs(v) < 100 ? "%.3f" : "%.1f", v);
  }

  HtmlPage heading(int level, String text, String id) {
    body.append("<h").append(level);
    if (id != null) {
      body.append(" id=\"").append(escape(id)).append('"');
    }
    body.append('>').append(escape(text)).append("</h").append(level).append(">\n");
    return this;
  }

  HtmlPage paragraph(String cssClass, String text) {
    body.append("<p class=\"").append(escape(cssClass)).append("\">").append(escape(text)).append("</p>\n");
    return this;
  }

  HtmlPage image(String relativeSrc, String alt, int width, int height) {
    body.append("<img src=\"").append(escape(relativeSrc)).append("\" alt=\"").append(escape(alt))
        .append("\" width=\"").append(width).append("\" height=\"").append(height).append("\">\n");
    return this;
  }

  /** A list of links to anchors on the page; {@code anchors} and {@code labels} pair up. */
  HtmlPage contents(List<String> anchors, List<String> labels) {
    body.append("<ul class=\"toc\">\n");
    for (int i = 0; i < anchors.size(); i++) {
      body.append("<li><a href=\"#").append(escape(anchors.get(i))).append("\">").append(escape(labels.get(i)))
          .append("</a></li>\n");
    }
    body.append("</ul>\n");
    return this;
  }

  /** A table cell: its text and an optional CSS class. */
  record Cell(String text, String cssClass) {
    static Cell text(String text) {
      return new Cell(text, null);
    }

    static Cell number(double value, boolean best) {
      return new Cell(HtmlPage.number(value), best ? "num best" : "num");
    }
  }

  HtmlPage table(String cssClass, List<String> headings, List<List<Cell>> rows) {
    body.append("<table class=\"").append(escape(cssClass)).append("\">\n<thead><tr>");
    headings.forEach(h -> body.append("<th>").append(escape(h)).append("</th>"));
    body.append("</tr></thead>\n<tbody>\n");
    for (List<Cell> row : rows) {
      body.append("<tr>");
      for (Cell c : row) {
        body.append(c.cssClass() == null ? "<td>" : "<td class=\"" + escape(c.cssClass()) + "\">")
            .append(escape(c.text())).append("</td>");
      }
      body.append("</tr>\n");
    }
    body.append("</tbody>\n</table>\n");
    return this;
  }

  /** The whole document. */
  String render() {
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" + escape(title)
        + "</title>\n<style>\n" + STYLE + "</style>\n</head>\n<body>\n" + body + "</body>\n</html>\n";
  }
}
