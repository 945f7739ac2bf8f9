package ai.fym.jobs.report;

import ai.fym.engine.errors.FymException;
import ai.fym.engine.image.RgbImage;
import ai.fym.jobs.report.ReportData.ClipEdit;
import ai.fym.jobs.report.ReportData.Curve;
import ai.fym.jobs.report.ReportData.MethodKey;
import ai.fym.jobs.spark.Sessions;
import ai.fym.jobs.tables.DeltaStore;
import ai.fym.udfs.io.ArtifactStore;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.SparkSession;

/**
 * Writes the evaluation report: a static HTML page {@code <out>/report/index.html} with its PNG charts
 * under {@code <out>/report/img/}. On top, corpus means of every metric per method and configuration;
 * then, per clip and edit, a before/after frame strip (source, edit, each corrected video but the reference,
 * which is the source), the per-frame warp error (short) of every method with shot boundaries, the clip's
 * metrics and, when the {@code qc} table exists, the quality-gate verdicts. The page uses relative links only and no script.
 *
 * <p>For a local output root (a path or {@code file:} uri) the report is written in place; for any other
 * Hadoop root ({@code s3a://}) it is written to a local temporary folder and copied under the root.
 */
public final class ReportWriter {
  /** Frames sampled per clip for the frame strip. */
  public static final int STRIP_FRAMES = 5;
  /** Width of one frame in the strip, in pixels. */
  public static final int THUMB_WIDTH = 176;
  private static final int CHART_WIDTH = 1100;
  private static final int CHART_HEIGHT = 340;

  private final SparkSession spark;
  private final DeltaStore store;
  private final String outRoot;

  /** A writer over the tables of {@code store}, reporting under {@code outRoot} (the same root as the store's). */
  public ReportWriter(SparkSession spark, DeltaStore store, String outRoot) {
    this.spark = spark;
    this.store = store;
    this.outRoot = outRoot.replaceAll("/+$", "");
  }

  /**
   * Writes the report and returns the local path of its {@code index.html}: under the output root when
   * it is local, else in the temporary folder that was copied to the root.
   */
  public Path write() throws IOException {
    boolean remote = isRemote(outRoot);
    Path dir = remote ? Files.createTempDirectory("fym-report-") : localRoot(outRoot).resolve("report");
    Path img = dir.resolve("img");
    clearImages(img);
    Files.createDirectories(img);
    Path scratch = Files.createTempDirectory("fym-report-videos-");
    try {
      ReportData data = new ReportData(store);
      FrameSampler sampler = new FrameSampler(spark.sparkContext().hadoopConfiguration(), scratch);
      HtmlPage page = new HtmlPage("FYM evaluation report");
      page.heading(1, "FYM evaluation report", null)
          .paragraph("meta", "Output root " + outRoot + " \u00b7 generated " + Instant.now().truncatedTo(
              ChronoUnit.SECONDS) + " \u00b7 \u2193 lower is better, \u2191 higher is better; the best value of "
              + "each column is highlighted. The method source (reference) is the unedited video: its warp errors "
              + "are the yardstick for the methods', and it is never highlighted.");
      page.heading(2, "Corpus summary: means over all clips and edits", "summary");
      List<ReportData.Summary> summaries = data.summaries();
      if (summaries.isEmpty()) {
        page.paragraph("meta", "The metrics table is empty or missing: nothing has been evaluated yet.");
      } else {
        page.table("summary", MetricTables.summaryHeadings(), MetricTables.summaryRows(summaries));
      }
      List<ClipEdit> clipEdits = data.clipEdits();
      List<String> anchors = new ArrayList<>();
      List<String> labels = new ArrayList<>();
      for (int i = 0; i < clipEdits.size(); i++) {
        anchors.add(anchor(i));
        labels.add(title(clipEdits.get(i)));
      }
      page.heading(2, "Clips and edits (" + clipEdits.size() + ")", "clips").contents(anchors, labels);
      boolean qc = data.hasQc();
      Map<MethodKey, Color> colours = colours(clipEdits);
      for (int i = 0; i < clipEdits.size(); i++) {
        section(page, clipEdits.get(i), i, img, sampler, qc, colours);
      }
      AvatarSection.write(page, store, img);
      Path index = dir.resolve("index.html");
      Files.writeString(index, page.render(), StandardCharsets.UTF_8);
      if (remote) {
        copyToRoot(dir);
      }
      return index;
    } finally {
      deleteTree(scratch);
    }
  }

  private void section(HtmlPage page, ClipEdit ce, int i, Path img, FrameSampler sampler, boolean qc,
      Map<MethodKey, Color> colours) throws IOException {
    page.heading(2, title(ce), anchor(i));
    page.paragraph("meta", ce.frames() + " frames \u00b7 source " + (ce.sourceUri() == null ? "unknown"
        : ce.sourceUri()) + " \u00b7 edit " + (ce.editUri() == null ? "unknown" : ce.editUri()));
    List<String> problems = new ArrayList<>();
    FrameStrip strip = strip(ce, sampler, problems);
    if (strip != null) {
      String name = "clip-" + String.format("%03d", i) + "-frames.png";
      BufferedImage image = strip.render();
      ImageIO.write(image, "png", img.resolve(name).toFile());
      page.heading(3, "Frames", null).image("img/" + name, "frames of " + title(ce), image.getWidth(),
          image.getHeight());
    }
    problems.forEach(p -> page.paragraph("meta", p));
    if (!ce.curves().isEmpty()) {
      String name = "clip-" + String.format("%03d", i) + "-warp.png";
      BufferedImage image = chart(ce, colours).render();
      ImageIO.write(image, "png", img.resolve(name).toFile());
      page.heading(3, "Warp error (short) per frame", null).image("img/" + name, "warp error of " + title(ce),
          image.getWidth(), image.getHeight());
    }
    page.heading(3, "Metrics", null);
    if (ce.metrics().isEmpty()) {
      page.paragraph("meta", "No metrics yet for this clip and edit.");
    } else {
      page.table("metrics", MetricTables.clipHeadings(), MetricTables.clipRows(ce.metrics()));
    }
    if (qc) {
      page.heading(3, "Quality gate", null);
      if (ce.verdicts().isEmpty()) {
        page.paragraph("meta", "No quality-gate verdicts for this clip and edit.");
      } else {
        page.table("qc", MetricTables.verdictHeadings(), MetricTables.verdictRows(ce.verdicts()));
      }
    }
  }

  private static FrameStrip strip(ClipEdit ce, FrameSampler sampler, List<String> problems) {
    List<Integer> indices = FrameSampler.spread(ce.frames(), STRIP_FRAMES);
    if (indices.isEmpty()) {
      return null;
    }
    List<FrameStrip.Row> rows = new ArrayList<>();
    rows.add(new FrameStrip.Row("source", frames(sampler, "source", ce.sourceUri(), indices, problems)));
    rows.add(new FrameStrip.Row("edit: " + ce.key().edit(), frames(sampler, "edit", ce.editUri(), indices,
        problems)));
    for (Map.Entry<MethodKey, String> c : ce.corrected().entrySet()) {
      if (c.getKey().reference()) {
        continue;
      }
      rows.add(new FrameStrip.Row(c.getKey().label(), frames(sampler, c.getKey().label(), c.getValue(), indices,
          problems)));
    }
    return new FrameStrip(indices, rows, THUMB_WIDTH);
  }

  /** The frames of one video, all null (with a note in {@code problems}) when it is missing or unreadable. */
  private static List<RgbImage> frames(FrameSampler sampler, String what, String uri, List<Integer> indices,
      List<String> problems) {
    List<RgbImage> none = new ArrayList<>();
    indices.forEach(x -> none.add(null));
    if (uri == null) {
      problems.add("No " + what + " video is recorded for this clip.");
      return none;
    }
    try {
      return sampler.read(uri, indices);
    } catch (FymException | IOException | RuntimeException e) {
      problems.add("The " + what + " video " + uri + " could not be read: " + e.getMessage());
      return none;
    }
  }

  /** One colour per method and configuration for the whole report, so a method looks the same in every chart. */
  private static Map<MethodKey, Color> colours(List<ClipEdit> clipEdits) {
    TreeSet<MethodKey> keys = new TreeSet<>();
    clipEdits.forEach(ce -> ce.curves().forEach(c -> keys.add(c.key())));
    Map<MethodKey, Color> colours = new HashMap<>();
    keys.forEach(k -> colours.put(k, LineChart.color(colours.size())));
    return colours;
  }

  private static LineChart chart(ClipEdit ce, Map<MethodKey, Color> colours) {
    List<LineChart.Series> series = new ArrayList<>();
    for (Curve c : ce.curves()) {
      series.add(new LineChart.Series(c.key().label(), c.frameIndices(), c.warpShort(), colours.get(c.key())));
    }
    List<Double> markers = ce.shotStarts().stream().map(s -> s - 0.5).toList();
    return new LineChart(title(ce), "frame", "warp error (short) \u00d71000", CHART_WIDTH, CHART_HEIGHT, series,
        markers);
  }

  private static String title(ClipEdit ce) {
    return ce.key().identity() + " / " + ce.key().clip() + " \u2014 " + ce.key().edit();
  }

  private static String anchor(int i) {
    return "clip-" + i;
  }

  private static boolean isRemote(String root) {
    return root.matches("[A-Za-z][A-Za-z0-9+.-]+:.*") && !root.startsWith("file:");
  }

  private static Path localRoot(String root) {
    return root.startsWith("file:") ? Path.of(URI.create(root)) : Path.of(root);
  }

  private void copyToRoot(Path dir) throws IOException {
    URI target = URI.create(outRoot + "/report");
    FileSystem.get(target, spark.sparkContext().hadoopConfiguration()).delete(new org.apache.hadoop.fs.Path(target),
        true);
    ArtifactStore store = new ArtifactStore(outRoot, Sessions.hadoopSettings(spark));
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        store.put(file, "report/" + dir.relativize(file).toString().replace('\\', '/'));
      }
    }
  }

  /** Removes the PNGs of an earlier report, so the folder holds only what the new page links. */
  private static void clearImages(Path img) throws IOException {
    if (!Files.isDirectory(img)) {
      return;
    }
    try (Stream<Path> files = Files.list(img)) {
      for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".png")).toList()) {
        Files.delete(p);
      }
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
