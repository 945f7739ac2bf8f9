package ai.fym.engine.diffusion;

import ai.djl.Device;
import ai.fym.engine.config.FymConfig;
import ai.fym.engine.correct.Corrector;
import ai.fym.engine.correct.Correctors;
import ai.fym.engine.correct.InMemoryShot;
import ai.fym.engine.diffusion.DiffusionCorrection.ShotInput;
import ai.fym.engine.edit.Editors;
import ai.fym.engine.edit.FrameEditor;
import ai.fym.engine.face.FaceDetection;
import ai.fym.engine.face.FaceDetector;
import ai.fym.engine.face.FaceDetectors;
import ai.fym.engine.geom.Box;
import ai.fym.engine.image.RgbImage;
import ai.fym.engine.landmarks.LandmarkNet;
import ai.fym.engine.metrics.ClipEvaluator;
import ai.fym.engine.metrics.ClipMetrics;
import ai.fym.engine.testing.Samples;
import ai.fym.engine.trajectory.FieldFile;
import ai.fym.engine.trajectory.FieldSource;
import ai.fym.engine.trajectory.ShotSequence;
import ai.fym.engine.trajectory.TrajectoryField;
import ai.fym.engine.trajectory.TrajectorySettings;
import ai.fym.engine.trajectory.TrajectoryTrainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tuning experiment (run by hand with -Dtest=FymExperiment -Dfym.experiment=1). */
class FymExperiment {
  @Test
  void run() throws Exception {
    if (System.getProperty("fym.experiment") == null) {
      return;
    }
    int first = Integer.getInteger("exp.first", 1);
    int end = Integer.getInteger("exp.end", 98);
    List<RgbImage> all = Samples.frames(Samples.megamind());
    List<RgbImage> sources = new ArrayList<>(all.subList(first, end));
    List<Box> boxes = new ArrayList<>();
    try (FaceDetector detector = FaceDetectors.withFallback(0.5f)) {
      for (RgbImage f : sources) {
        List<FaceDetection> d = detector.detect(f);
        boxes.add(d.isEmpty() ? null : d.get(0).box());
      }
    }
    FymConfig config = FymConfig.defaults();
    TrajectorySettings ts = config.trajectorySettings();
    Path fieldPath = Path.of("/tmp/fymexp/field-" + first + "-" + end + ".fymt");
    TrajectoryField field;
    if (Files.exists(fieldPath)) {
      field = FieldFile.read(fieldPath, 2, Device.cpu()).field();
    } else {
      field = TrajectoryTrainer.train(ShotSequence.of(sources, ts.workingSize()), ts, null, Device.cpu()).field();
      Files.createDirectories(fieldPath.getParent());
      field.save(fieldPath);
    }
    DenoiserSettings s = config.diffusionSettings();
    s = new DenoiserSettings(Integer.getInteger("exp.size", s.size()), Integer.getInteger("exp.channels", s.channels()),
        Integer.getInteger("exp.baseSteps", s.baseSteps()), Integer.getInteger("exp.adaptSteps", s.adaptSteps()),
        Integer.getInteger("exp.batch", s.batch()), Double.parseDouble(System.getProperty("exp.lr", "" + s.learningRate())),
        Double.parseDouble(System.getProperty("exp.strength", "" + s.strength())),
        Integer.getInteger("exp.sampleSteps", s.sampleSteps()), Integer.getInteger("exp.hintWindow", s.hintWindow()),
        s.weightRate(), s.weightMax(), true, true, true, s.seed());
    LandmarkNet landmarks = LandmarkNet.load();
    ShotInput input = new ShotInput(sources, boxes, field);
    Path basePath = Path.of("/tmp/fymexp/base-" + s.baseHash() + ".fymd");
    Denoiser base;
    long t0 = System.nanoTime();
    if (Files.exists(basePath)) {
      base = Denoiser.load(basePath, s);
    } else {
      base = DiffusionCorrection.trainBase(List.of(input), s, landmarks, null, 0,
          (step, steps, loss) -> {
            if (step % 100 == 0) {
              System.out.printf("base %d/%d loss %.5f %.0f s%n", step, steps, loss, (System.nanoTime() - t0) / 1e9);
            }
          });
      base.save(basePath);
    }
    System.out.printf("base: %d params, %d steps, loss %.5f, %.0f s%n", base.parameters(), base.steps(), base.loss(),
        base.trainSeconds());
    Map<Integer, Box> boxMap = new HashMap<>();
    for (int i = 0; i < boxes.size(); i++) {
      boxMap.put(i, boxes.get(i));
    }
    FieldSource fields = new FieldSource() {
      public TrajectorySettings settings() {
        return ts;
      }

      public TrajectoryField stored(int start) throws java.io.IOException {
        return FieldFile.read(fieldPath, 2, Device.cpu()).field();
      }
    };
    DenoiserSettings fs = s;
    for (String editName : System.getProperty("exp.edits", "grade,relight,stylize").split(",")) {
      FrameEditor editor = Editors.builtin(editName, 42);
      List<RgbImage> edits = new ArrayList<>();
      for (int t = 0; t < sources.size(); t++) {
        edits.add(editor.edit(sources.get(t), first + t));
      }
      Map<String, ClipMetrics> results = new java.util.LinkedHashMap<>();
      List<RgbImage> warp = Correctors.create("trajectory-warp", Map.of(), fields)
          .correctShot(new InMemoryShot(sources, edits, 0, boxMap));
      for (String method : System.getProperty("exp.methods", "per-frame,smooth,trajectory-warp,fym").split(",")) {
        long c0 = System.nanoTime();
        List<RgbImage> out;
        if (method.equals("fym") || method.startsWith("fym-")) {
          boolean control = !method.equals("fym-nocontrol");
          out = DiffusionCorrection.correct(base, fs.with(true, true, control, fs.strength()), input, edits, warp,
              landmarks, null);
        } else if (method.equals("trajectory-warp")) {
          out = warp;
        } else {
          Corrector c = Correctors.create(method, Map.of(), fields);
          out = c.correctShot(new InMemoryShot(sources, edits, 0, boxMap));
        }
        double secs = (System.nanoTime() - c0) / 1e9;
        try (ClipEvaluator ev = new ClipEvaluator(ClipEvaluator.Options.defaults().withLandmarks(landmarks))) {
          for (int t = 0; t < sources.size(); t++) {
            ev.add(t, t == 0, sources.get(t), out.get(t), edits.get(t), boxes.get(t));
          }
          ClipMetrics m = ev.finish();
          results.put(method, m);
          System.out.printf("%-8s %-16s ws %.3f wl %.3f me %.3f lm %.4f fl %.3f ef %.2f psnr %.2f (%.1f s)%n", editName,
              method, m.warpShort(), m.warpLong(), m.motionError(), m.landmarkError(), m.flicker(),
              m.editFidelity(), m.psnr(), secs);
        }
      }
      ClipMetrics pf = results.get("per-frame");
      if (pf != null) {
        for (Map.Entry<String, ClipMetrics> e : results.entrySet()) {
          ClipMetrics m = e.getValue();
          double score = (m.warpShort() / pf.warpShort() + m.warpLong() / pf.warpLong()
              + m.motionError() / pf.motionError() + Math.pow(10, (pf.editFidelity() - m.editFidelity()) / 20)) / 4;
          System.out.printf("%-8s %-16s combined %.4f%n", editName, e.getKey(), score);
        }
      }
    }
  }
}
