package ai.fym.jobs.bench;

import ai.djl.Device;
import ai.fym.engine.image.ImageCodec;
import ai.fym.engine.image.RgbImage;
import ai.fym.engine.trajectory.NonRigidVideo;
import ai.fym.engine.trajectory.ShotSequence;
import ai.fym.engine.trajectory.TrajectoryAccuracy;
import ai.fym.engine.trajectory.TrajectorySettings;
import ai.fym.engine.trajectory.TrajectoryTrainer;
import ai.fym.engine.video.VideoLimits;
import ai.fym.engine.video.VideoReader;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The trajectory-field part of {@code bin/fym bench hashgrid}, under the configured {@code fym.trajectory.*}
 * settings: the cost of one real shot (the sample clip's frames 1-97: building its working frames and flows,
 * training, per step) and accuracy against ground truth on a generated video with known non-rigid motion (the
 * Grace Hopper portrait, 128x96, 48 frames): end-point error of the trained field beside chained and direct
 * DIS flow, measured in the same run.
 */
final class TrajectoryBench {
  private static final int SHOT_START = 1;
  private static final int SHOT_END = 98;
  private static final int VIDEO_WIDTH = 128;
  private static final int VIDEO_HEIGHT = 96;
  private static final int VIDEO_FRAMES = 48;
  private static final double AMPLITUDE = 0.05;
  private static final long VIDEO_SEED = 3;

  private final PrintStream out;
  private final TrajectorySettings settings;

  TrajectoryBench(PrintStream out, TrajectorySettings settings) {
    this.out = out;
    this.settings = settings;
  }

  /** Figures of the shot from {@code clip} and of the known-motion video textured with {@code texture}. */
  List<Figure> run(Path clip, Path texture) throws Exception {
    List<Figure> figures = new ArrayList<>();
    List<RgbImage> shot = new ArrayList<>();
    try (VideoReader r = VideoReader.open(clip, VideoLimits.defaults())) {
      RgbImage f = r.next();
      for (int i = 0; f != null && i < SHOT_END; i++, f = r.next()) {
        if (i >= SHOT_START) {
          shot.add(f);
        }
      }
    }
    long t0 = System.nanoTime();
    ShotSequence sequence = ShotSequence.of(shot, settings.workingSize());
    double buildSeconds = (System.nanoTime() - t0) / 1e9;
    TrajectoryTrainer.Result trained = TrajectoryTrainer.train(sequence, settings, null, Device.cpu());
    trained.field().close();
    String where = String.format(Locale.ROOT, "frames %d-%d at %dx%d", SHOT_START, SHOT_END - 1, sequence.width(),
        sequence.height());
    add(figures, new Figure("trajectory shot frames + flows (" + where + ")", buildSeconds, "s", 0, true));
    add(figures, new Figure(String.format(Locale.ROOT, "trajectory train (%d steps, batch %d)", trained.steps(),
        settings.batch()), trained.trainSeconds(), "s", 0, true));
    add(figures, new Figure("  per step", 1000 * trained.trainSeconds() / Math.max(1, trained.steps()), "ms/step", 0,
        true));

    NonRigidVideo video = NonRigidVideo.of(ImageCodec.read(texture), VIDEO_WIDTH, VIDEO_HEIGHT, VIDEO_FRAMES,
        AMPLITUDE, VIDEO_SEED);
    List<RgbImage> frames = video.render();
    TrajectoryAccuracy.Errors e;
    try (var field = TrajectoryTrainer.train(ShotSequence.of(frames, settings.workingSize()), settings, null,
        Device.cpu()).field()) {
      e = TrajectoryAccuracy.measure(video, frames, field);
    }
    String known = String.format(Locale.ROOT, "known non-rigid motion, %dx%d, %d frames", VIDEO_WIDTH, VIDEO_HEIGHT,
        VIDEO_FRAMES);
    add(figures, new Figure("end-point error, field (" + known + ")", e.field(), "px", 0, true));
    add(figures, new Figure("end-point error, chained DIS flow", e.chainedFlow(), "px", 0, true));
    add(figures, new Figure("end-point error, direct DIS flow t -> 0", e.directFlow(), "px", 0, true));
    add(figures, new Figure("  chained flow / field", e.chainedOverField(), "x", 1, false));
    add(figures, new Figure("  direct flow / field", e.directFlow() / e.field(), "x", 0, false));
    return figures;
  }

  private void add(List<Figure> figures, Figure f) {
    figures.add(f);
    out.println(f.line());
  }
}
