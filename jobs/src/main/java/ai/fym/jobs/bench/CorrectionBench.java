package ai.fym.jobs.bench;

import static org.apache.spark.sql.functions.col;

import ai.fym.engine.config.FymConfig;
import ai.fym.engine.edit.Editors;
import ai.fym.engine.metrics.CombinedScore;
import ai.fym.jobs.eval.EditJob;
import ai.fym.jobs.eval.EvaluateJob;
import ai.fym.jobs.eval.Selection;
import ai.fym.jobs.ingest.IngestJob;
import ai.fym.jobs.tables.DeltaStore;
import ai.fym.jobs.tables.Tables;
import ai.fym.jobs.trajectory.TrajectoriesJob;
import ai.fym.udfs.eval.MethodConfig;
import ai.fym.engine.image.RgbImage;
import ai.fym.engine.video.VideoLimits;
import ai.fym.engine.video.VideoReader;
import java.awt.image.BufferedImage;
import java.awt.image.ConvolveOp;
import java.awt.image.Kernel;
import java.awt.image.RescaleOp;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import javax.imageio.ImageIO;

/**
 * {@code bin/fym bench correct}: the acceptance run of the consistency correction on the sample clip, through the
 * same Spark jobs a user runs. Ingest, the three built-in edits and one external edit (a frame folder made with
 * Java2D's image operations, parameters varying per frame: another editor's flicker), trajectory fields, then every
 * reference method, {@code fym} and its three ablations evaluated side by side. Prints, per edit, each method's
 * metrics and combined score (docs/CORRECTION.md), and the denoiser's training seconds per identity and the
 * correction's seconds per frame.
 */
public final class CorrectionBench {
  static final String EXTERNAL = "java2d-warm";
  private static final List<String> REFERENCES = List.of("per-frame", "smooth", "propagate", "trajectory-warp");

  private final FymConfig config;
  private final PrintStream out;

  public CorrectionBench(FymConfig config, PrintStream out) {
    this.config = config;
    this.out = out;
  }

  /**
   * Runs everything under {@code scratch} and returns the figures; {@code maxFrames} above 0 keeps only the clip's
   * first frames (the corpus is then a PNG frame folder of them).
   */
  public List<Figure> run(Path clip, int maxFrames, SparkSession spark, Path scratch) throws Exception {
    Path corpus = Files.createDirectories(scratch.resolve("corpus/megamind"));
    if (maxFrames > 0) {
      writeFrames(clip, maxFrames, corpus.resolve("megamind"), null);
    } else {
      Files.copy(clip, corpus.resolve(clip.getFileName()));
    }
    String root = scratch.resolve("out").toString();
    DeltaStore store = new DeltaStore(spark, root);
    PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());
    new IngestJob(spark, config, store, quiet).run(scratch.resolve("corpus").toString());
    EditJob edits = new EditJob(spark, config, store, root, quiet);
    List<String> editNames = new ArrayList<>(Editors.builtinNames());
    for (String name : editNames) {
      edits.run(name, Selection.ALL, null);
    }
    Path external = scratch.resolve(EXTERNAL);
    writeFrames(clip, maxFrames, external, CorrectionBench::externalEdit);
    edits.run(EXTERNAL, Selection.ALL, external.toUri().toString());
    editNames.add(EXTERNAL);
    new TrajectoriesJob(spark, config, store, root, quiet).run(Selection.ALL, "frame");
    EvaluateJob evaluate = new EvaluateJob(spark, config, store, root, out);
    List<MethodConfig> methods = new ArrayList<>(evaluate.defaults(List.of("per-frame", "smooth", "propagate",
        "trajectory-warp", "source", "fym")));
    for (String ablation : List.of("hash", "reweight", "control")) {
      methods.add(evaluate.configOf("fym", Map.of(ablation, "0")));
    }
    long started = System.nanoTime();
    evaluate.run(Selection.ALL, methods);
    double seconds = (System.nanoTime() - started) / 1e9;
    return figures(store, methods, editNames, seconds);
  }

  private List<Figure> figures(DeltaStore store, List<MethodConfig> methods, List<String> editNames,
      double seconds) {
    Map<String, String> labels = new LinkedHashMap<>();
    for (MethodConfig m : methods) {
      Map<String, String> o = m.overrides();
      String label = m.method();
      if (m.method().equals("fym")) {
        label = o.get("hash").equals("0") ? "fym, no hash features" : o.get("reweight").equals("0")
            ? "fym, W = 1" : o.get("control").equals("0") ? "fym, no ControlNet" : "fym";
      }
      labels.put(m.hash(), label);
    }
    List<Figure> figures = new ArrayList<>();
    for (String edit : editNames) {
      Map<String, CombinedScore.Figures> measured = new LinkedHashMap<>();
      for (Row r : store.read(Tables.METRICS).where(col("edit").equalTo(edit))
          .select("config_hash", "warp_short", "warp_long", "motion_error", "edit_fidelity").collectAsList()) {
        String label = labels.get(r.getString(0));
        if (label != null && !label.equals("source")) {
          measured.put(label, new CombinedScore.Figures(value(r, 1), value(r, 2), value(r, 3), value(r, 4)));
        }
      }
      CombinedScore.Figures raw = measured.get("per-frame");
      if (raw == null) {
        continue;
      }
      double bestReference = Double.MAX_VALUE;
      for (String ref : REFERENCES) {
        if (measured.containsKey(ref)) {
          bestReference = Math.min(bestReference, CombinedScore.of(measured.get(ref), raw));
        }
      }
      out.printf("%n%-8s %-24s %9s %9s %9s %9s %9s%n", edit, "method", "warp_s", "warp_l", "motion", "fid dB",
          "combined");
      for (String label : labels.values()) {
        CombinedScore.Figures f = measured.get(label);
        if (f == null) {
          continue;
        }
        double score = CombinedScore.of(f, raw);
        out.printf("%-8s %-24s %9.3f %9.3f %9.3f %9.2f %9.4f%n", edit, label, f.warpShort(), f.warpLong(),
            f.motionError(), f.editFidelity(), score);
        figures.add(new Figure("combined score, " + edit + ", " + label + " (target: best reference)", score, "",
            bestReference, true));
      }
    }
    for (Row r : store.read(Tables.DENOISERS).select("identity", "base_hash", "train_seconds", "steps", "loss")
        .collectAsList()) {
      figures.add(new Figure("denoiser training, " + r.getString(0) + " (" + r.getString(1) + ", "
          + r.getInt(3) + " steps)", r.getDouble(2), "s", 90 * 60, true));
    }
    for (Row r : store.read(Tables.CORRECTED).where(col("method").equalTo("fym"))
        .groupBy("config_hash").agg(org.apache.spark.sql.functions.sum("seconds"),
            org.apache.spark.sql.functions.sum("frames")).collectAsList()) {
      figures.add(new Figure("correction (trajectory-warp, adaptation, sampling), " + labels.get(r.getString(0)),
          r.getDouble(1) / r.getLong(2), "s/frame", 0, true));
    }
    figures.add(new Figure("evaluation of every method and edit, wall", seconds, "s", 0, true));
    return figures;
  }

  private static double value(Row r, int i) {
    return r.isNullAt(i) ? Double.NaN : r.getDouble(i);
  }

  /**
   * Writes the clip's first {@code maxFrames} frames (all when 0) as a PNG frame folder, each passed through
   * {@code edit} when it is not null.
   */
  static void writeFrames(Path clip, int maxFrames, Path folder, FrameEdit edit) throws Exception {
    Files.createDirectories(folder);
    try (VideoReader reader = VideoReader.open(clip, VideoLimits.defaults())) {
      int n = 0;
      for (RgbImage frame = reader.next(); frame != null && (maxFrames <= 0 || n < maxFrames);
          frame = reader.next(), n++) {
        BufferedImage image = edit == null ? toImage(frame) : edit.apply(toImage(frame), n);
        ImageIO.write(image, "png", folder.resolve(String.format("frame_%05d.png", n)).toFile());
      }
    }
  }

  /** An edit of frame {@code n}. */
  @FunctionalInterface
  interface FrameEdit {
    BufferedImage apply(BufferedImage frame, int n);
  }

  /**
   * The external edit of frame n, an editor outside FYM made with Java2D's image operations: a contrast and
   * brightness rescale and a warm colour matrix whose parameters follow per-frame expressions of n (the flicker of
   * a tool re-run on every frame), then a 3 x 3 sharpen.
   */
  static BufferedImage externalEdit(BufferedImage frame, int n) {
    float[] sharpen = {0, -0.25f, 0, -0.25f, 2f, -0.25f, 0, -0.25f, 0};
    ConvolveOp convolve = new ConvolveOp(new Kernel(3, 3, sharpen), ConvolveOp.EDGE_NO_OP, null);
    float gain = (float) (1.12 + 0.06 * Math.sin(n * 1.3));
    float offset = (float) (6 * Math.sin(n * 0.7));
    float warm = (float) (0.08 + 0.03 * Math.sin(n * 2.1));
    RescaleOp rescale = new RescaleOp(new float[] {gain * (1 + warm), gain, gain * (1 - warm)},
        new float[] {offset + 4, offset, offset - 6}, null);
    return convolve.filter(rescale.filter(frame, null), null);
  }

  private static BufferedImage toImage(RgbImage frame) {
    BufferedImage image = new BufferedImage(frame.width(), frame.height(), BufferedImage.TYPE_INT_RGB);
    byte[] rgb = frame.rgb();
    for (int y = 0, i = 0; y < frame.height(); y++) {
      for (int x = 0; x < frame.width(); x++, i += 3) {
        image.setRGB(x, y, (rgb[i] & 0xff) << 16 | (rgb[i + 1] & 0xff) << 8 | (rgb[i + 2] & 0xff));
      }
    }
    return image;
  }
}
