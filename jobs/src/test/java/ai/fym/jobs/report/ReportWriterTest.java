package ai.fym.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fym.jobs.tables.DeltaStore;
import ai.fym.udfs.testing.SparkTestBase;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole report over a small corpus written to real Delta tables on the shared Spark session: the
 * page holds the summary, every clip and edit with its images, metrics and verdicts, every image it
 * links exists and is a PNG, values are escaped, and an unreadable video is reported, not fatal.
 */
class ReportWriterTest extends SparkTestBase {
  private static final Pattern IMG = Pattern.compile("<img src=\"([^\"]+)\"");

  @TempDir
  static Path dir;
  static Path index;
  static String html;

  @BeforeAll
  static void writeReport() throws Exception {
    Path out = dir.resolve("out");
    DeltaStore store = new DeltaStore(spark(), out.toString());
    new ReportFixture(spark(), store, dir.resolve("media")).write();
    Path stale = Files.createDirectories(out.resolve("report/img")).resolve("stale.png");
    Files.write(stale, new byte[] {1});
    index = new ReportWriter(spark(), store, out.toUri().toString()).write();
    html = Files.readString(index);
  }

  @Test
  void pageIsWrittenUnderTheOutputRoot() {
    assertEquals(dir.resolve("out/report/index.html").toAbsolutePath(), index.toAbsolutePath());
    assertTrue(html.startsWith("<!DOCTYPE html>"));
    assertFalse(html.contains("<script"), "the page needs no script");
  }

  @Test
  void summaryHasOneRowPerMethodWithMarkedBestMeans() {
    String summary = html.substring(html.indexOf("<table class=\"summary\">"), html.indexOf("</table>"));
    for (String method : List.of("raw", "fym", "temporal_smoothing")) {
      assertTrue(summary.contains("<td>" + method + "</td>"), method);
    }
    // fym's warp error (short) is 1.2 on alice and 1.6 on bob: the lowest mean of the corpus.
    String fymRow = summary.substring(summary.indexOf("<td>fym</td>"));
    fymRow = fymRow.substring(0, fymRow.indexOf("</tr>"));
    assertTrue(fymRow.contains("<td class=\"num\">2</td>"), "fym has two clip/edits: " + fymRow);
    assertTrue(fymRow.contains("<td class=\"num best\">1.400</td>"), fymRow);
    assertTrue(summary.contains("<td class=\"num\">6.000</td>"), "raw's mean, not best");
  }

  @Test
  void everyClipAndEditHasASectionWithImagesAndMetrics() {
    assertTrue(html.contains("alice / talk \u2014 relight"));
    assertTrue(html.contains("bob / intro \u2014 stylise&lt;v2&gt;"));
    assertFalse(html.contains("stylise<v2>"), "names are escaped");
    assertEquals(1 + 2, count(html, "<table class=\"metrics\">") + count(html, "<table class=\"summary\">"));
    assertEquals(2, count(html, "-frames.png\""));
    assertEquals(2, count(html, "-warp.png\""));
  }

  @Test
  void everyLinkedImageExistsAsAPngAndNothingStaleRemains() throws Exception {
    List<String> sources = new ArrayList<>();
    Matcher m = IMG.matcher(html);
    while (m.find()) {
      sources.add(m.group(1));
    }
    assertEquals(4, sources.size());
    for (String src : sources) {
      assertTrue(src.startsWith("img/"), "relative link " + src);
      BufferedImage image = ImageIO.read(index.resolveSibling(src).toFile());
      assertNotNull(image, src + " is a PNG");
      assertTrue(image.getWidth() > 300 && image.getHeight() > 100, src);
    }
    try (var files = Files.list(index.resolveSibling("img"))) {
      assertEquals(4, files.count(), "the stale image of an earlier report is gone");
    }
  }

  @Test
  void qcVerdictsAndUnreadableVideosAreShown() {
    assertTrue(html.contains("<td class=\"pass\">PASS</td>"));
    assertTrue(html.contains("<td class=\"reject\">REJECT</td>"));
    assertTrue(html.contains("warp_short 6.0 &gt; 3.0"));
    assertTrue(html.contains("gone.mp4 could not be read"), "the missing corrected video is named");
  }

  private static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }
}
