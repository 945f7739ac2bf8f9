package ai.fym.jobs.bench;

import ai.fym.engine.correct.Corrector;
import ai.fym.engine.correct.Correctors;
import ai.fym.engine.correct.InMemoryShot;
import ai.fym.engine.edit.Editors;
import ai.fym.engine.edit.FrameEditor;
import ai.fym.engine.image.RgbImage;
import ai.fym.engine.metrics.ClipEvaluator;
import ai.fym.engine.metrics.MetricsBenchmark;
import ai.fym.engine.video.VideoLimits;
import ai.fym.engine.video.VideoReader;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code bin/fym bench evaluate}: on the sample clip, per-frame cost of each built-in editor (one
 * thread), of each reference corrector on the first lit shot (frames 1-97) of the grade edit, the
 * short warp error each corrector reaches there beside the raw per-frame edit's (the reference), and
 * the metric evaluator's throughput with half- and full-resolution flow.
 */
public final class EvaluateBenchmark {
  private static final int SHOT_START = 1;
  private static final int SHOT_END = 98;
  private final PrintStream out;

  public EvaluateBenchmark(PrintStream out) {
    this.out = out;
  }

  public List<Figure> run(Path clip) throws Exception {
    List<RgbImage> frames = new ArrayList<>();
    try (VideoReader r = VideoReader.open(clip, VideoLimits.defaults())) {
      for (RgbImage f = r.next(); f != null; f = r.next()) {
        frames.add(f);
      }
    }
    List<Figure> figures = new ArrayList<>();
    List<RgbImage> shot = frames.subList(SHOT_START, SHOT_END);
    List<RgbImage> graded = null;
    for (String name : Editors.builtinNames()) {
      FrameEditor editor = Editors.builtin(name, 1);
      List<RgbImage> edited = new ArrayList<>();
      long t0 = System.nanoTime();
      for (int i = 0; i < shot.size(); i++) {
        edited.add(editor.edit(shot.get(i), SHOT_START + i));
      }
      add(figures, new Figure("edit " + name + ", one thread", ms(t0) / shot.size(), "ms/frame", 0, true));
      if (name.equals("grade")) {
        graded = edited;
      }
    }
    double reference = Double.NaN;
    for (String method : Correctors.names()) {
      Corrector c = Correctors.create(method, Map.of());
      long t0 = System.nanoTime();
      List<RgbImage> corrected = c.correctShot(new InMemoryShot(shot, graded));
      double perFrame = ms(t0) / shot.size();
      double warp = warpShort(shot, corrected, graded);
      if (method.equals("per-frame")) {
        reference = warp;
      }
      add(figures, new Figure("correct " + method + " (grade, frames 1-97)", perFrame, "ms/frame", 0, true));
      figures.add(new Figure("  warp short x1000, " + method + " (reference: per-frame " + round(reference) + ")",
          warp, "", reference, true));
      out.println(figures.get(figures.size() - 1).line());
    }
    for (float scale : new float[] {0.5f, 1f}) {
      MetricsBenchmark.Result r = MetricsBenchmark.run(clip, frames.size(), 8,
          ClipEvaluator.Options.defaults().withFlowScale(scale));
      add(figures, new Figure("metrics, flow at " + (scale == 1f ? "full" : "half") + " resolution",
          r.framesPerSecond(), "frames/s", 0, false));
    }
    return figures;
  }

  private static double warpShort(List<RgbImage> source, List<RgbImage> output, List<RgbImage> edited) {
    try (ClipEvaluator e = new ClipEvaluator(ClipEvaluator.Options.defaults())) {
      for (int i = 0; i < source.size(); i++) {
        e.add(i, i == 0, source.get(i), output.get(i), edited.get(i), null);
      }
      return e.finish().warpShort();
    }
  }

  private void add(List<Figure> figures, Figure f) {
    figures.add(f);
    out.println(f.line());
  }

  private static double ms(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e6;
  }

  private static String round(double v) {
    return String.format(java.util.Locale.ROOT, "%.3f", v);
  }
}
