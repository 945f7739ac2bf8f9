package ai.fym.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fym.jobs.report.HtmlPage.Cell;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every value that reaches the page is escaped; numbers read well. */
class HtmlPageTest {
  @Test
  void escapesMarkupInTextAttributesAndCells() {
    String html = new HtmlPage("a<b>").heading(2, "x & \"y\"", "id\"onload='z'")
        .image("img/a\".png", "<alt>", 10, 10)
        .table("t", List.of("<th>"), List.of(List.of(new Cell("<script>", "num\"x")))).render();
    assertTrue(html.contains("<title>a&lt;b&gt;</title>"));
    assertTrue(html.contains("x &amp; &quot;y&quot;"));
    assertTrue(html.contains("id=\"id&quot;onload=&#39;z&#39;\""));
    assertTrue(html.contains("src=\"img/a&quot;.png\" alt=\"&lt;alt&gt;\""));
    assertTrue(html.contains("<td class=\"num&quot;x\">&lt;script&gt;</td>"));
    assertFalse(html.contains("<script>"));
  }

  @Test
  void formatsNumbers() {
    assertEquals("3.142", HtmlPage.number(Math.PI));
    assertEquals("1234.6", HtmlPage.number(1234.56));
    assertEquals("\u2013", HtmlPage.number(Double.NaN));
  }
}
