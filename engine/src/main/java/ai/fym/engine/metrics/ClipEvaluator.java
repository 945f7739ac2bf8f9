package ai.fym.engine.metrics;

import ai.fym.engine.geom.Box;
import ai.fym.engine.image.RgbImage;
import ai.fym.engine.landmarks.LandmarkNet;
import ai.fym.engine.landmarks.Landmarks68;
import ai.fym.engine.motion.Flow;
import ai.fym.engine.motion.Warp;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Streams a clip's frames (source, output, per-frame edit) through the weight-free metrics of the
 * evaluation protocol and returns {@link ClipMetrics}. Only a bounded window is held: the shot's first
 * frame, the previous frame, and the edit residual of the one before it (edit fidelity at t needs t-1
 * and t+1, so frame t's values are completed when t+1 or a cut arrives). Per frame within a shot it estimates five DIS flows
 * (source t -> t-1 and back, source t -> shot start and back, output t -> t-1). Not thread-safe.
 */
public final class ClipEvaluator implements AutoCloseable {

  /**
   * How the evaluator runs.
   *
   * @param flowScale resolution of the flows relative to the frames, in (0, 1]; metrics are always
   *     computed on full-resolution pixels, only the flow is estimated on shrunk frames
   * @param landmarks the landmark network for {@code landmarkError}, or null to skip that metric
   */
  public record Options(float flowScale, LandmarkNet landmarks) {
    /**
     * Default flow resolution: half. On Megamind (720x528) it makes the evaluator about twice as fast
     * as full-resolution flow and raises the alignment floor of warpShort from about 0.07 to 0.12.
     */
    public static final float DEFAULT_FLOW_SCALE = 0.5f;

    /** Half-resolution flow, no landmark metric. */
    public static Options defaults() {
      return new Options(DEFAULT_FLOW_SCALE, null);
    }

    /** These options with another flow resolution. */
    public Options withFlowScale(float scale) {
      return new Options(scale, landmarks);
    }

    /** These options with a landmark network (null: no landmark metric). */
    public Options withLandmarks(LandmarkNet net) {
      return new Options(flowScale, net);
    }
  }

  private final ScaledFlow flows;
  private final LandmarkNet landmarks;
  private final List<FrameMetrics> done = new ArrayList<>();
  private Frame shotStart;
  private Frame previous;
  private int shot = -1;
  private boolean finished;

  /** An evaluator for one clip; close it to free the native flow estimator. */
  public ClipEvaluator(Options options) {
    this.flows = new ScaledFlow(options.flowScale());
    this.landmarks = options.landmarks();
  }

  /**
   * Adds the next frame. Frames come in increasing index order; the first frame always starts a shot.
   *
   * @param shotStart true when a cut precedes this frame: no pair across it is measured
   * @param faceBox the face box of this frame from ingest (frame pixels), or null
   */
  public void add(int frameIndex, boolean shotStart, RgbImage source, RgbImage output, RgbImage edited,
      Box faceBox) {
    if (finished) {
      throw new IllegalStateException("frames added after finish()");
    }
    if (previous != null && frameIndex <= previous.index) {
      throw new IllegalArgumentException("frame " + frameIndex + " added after frame " + previous.index);
    }
    requireSameSize(source, output, "output", frameIndex);
    requireSameSize(source, edited, "edited", frameIndex);
    boolean newShot = shotStart || previous == null;
    if (newShot) {
      shot++;
    }
    Frame cur = new Frame(frameIndex, shot, source, output, edited, flows.shrink(source), flows.shrink(output));
    cur.psnr = PixelErrors.psnr(output, edited);
    cur.ssim = Ssim.of(output, edited);
    if (landmarks != null && faceBox != null) {
      cur.landmarkError = landmarkError(source, output, faceBox);
    }
    if (newShot) {
      complete(previous, null);
      this.shotStart = cur;
    } else {
      EditFidelity.Neighbour next = measurePair(cur, previous);
      complete(previous, next);
    }
    previous = cur;
  }

  /** Completes the last frame and returns the clip's metrics; the evaluator takes no more frames. */
  public ClipMetrics finish() {
    if (!finished) {
      complete(previous, null);
      previous = null;
      shotStart = null;
      finished = true;
    }
    return new ClipMetrics(done.size(), shot + 1,
        mean(FrameMetrics::warpShort), mean(FrameMetrics::warpLong), mean(FrameMetrics::motionError),
        mean(FrameMetrics::landmarkError), mean(f -> Math.abs(f.lumaDeltaOutput() - f.lumaDeltaSource())),
        mean(FrameMetrics::editFidelity), mean(FrameMetrics::psnr), mean(FrameMetrics::ssim), done);
  }

  /** Fills cur's pair metrics against prev (same shot); returns cur as prev's next neighbour. */
  private EditFidelity.Neighbour measurePair(Frame cur, Frame prev) {
    int w = cur.source.width();
    int h = cur.source.height();
    Flow back = flows.estimate(cur.sourceSmall, prev.sourceSmall, w, h);
    Flow forward = flows.estimate(prev.sourceSmall, cur.sourceSmall, w, h);
    boolean[] visibleBack = Warp.visible(back, forward);
    cur.warpShort = PixelErrors.warpMse(cur.output, prev.output, back, visibleBack);
    Flow outputBack = flows.estimate(cur.outputSmall, prev.outputSmall, w, h);
    cur.motionError = PixelErrors.endPointError(outputBack, back, visibleBack);
    if (prev == shotStart) {
      cur.warpLong = cur.warpShort;
    } else {
      Flow toStart = flows.estimate(cur.sourceSmall, shotStart.sourceSmall, w, h);
      Flow fromStart = flows.estimate(shotStart.sourceSmall, cur.sourceSmall, w, h);
      cur.warpLong = PixelErrors.warpMse(cur.output, shotStart.output, toStart, Warp.visible(toStart, fromStart));
    }
    cur.lumaDeltaSource = cur.lumaSource - prev.lumaSource;
    cur.lumaDeltaOutput = cur.lumaOutput - prev.lumaOutput;
    cur.before = new EditFidelity.Neighbour(prev.editResidual, back, visibleBack);
    return new EditFidelity.Neighbour(cur.editResidual, forward, Warp.visible(forward, back));
  }

  /** Scores edit fidelity of {@code f} with its neighbours and records its metrics. */
  private void complete(Frame f, EditFidelity.Neighbour next) {
    if (f == null) {
      return;
    }
    List<EditFidelity.Neighbour> neighbours = new ArrayList<>(2);
    if (f.before != null) {
      neighbours.add(f.before);
    }
    if (next != null) {
      neighbours.add(next);
    }
    double editFidelity = EditFidelity.psnr(f.source, f.output, f.editResidual, neighbours);
    f.before = null;
    done.add(new FrameMetrics(f.index, f.shot, f.warpShort, f.warpLong, f.motionError, f.landmarkError,
        f.lumaDeltaSource, f.lumaDeltaOutput, editFidelity, f.psnr, f.ssim));
  }

  private double landmarkError(RgbImage source, RgbImage output, Box box) {
    Landmarks68 a = landmarks.detect(output, box);
    Landmarks68 b = landmarks.detect(source, box);
    double sum = 0;
    for (int i = 0; i < Landmarks68.COUNT; i++) {
      sum += Math.hypot(a.x(i) - b.x(i), a.y(i) - b.y(i));
    }
    return sum / Landmarks68.COUNT / Math.max(box.width(), box.height());
  }

  private double mean(ToDoubleFunction<FrameMetrics> value) {
    double sum = 0;
    int n = 0;
    for (FrameMetrics f : done) {
      double v = value.applyAsDouble(f);
      if (!Double.isNaN(v)) {
        sum += v;
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  private static void requireSameSize(RgbImage source, RgbImage other, String what, int frame) {
    if (other.width() != source.width() || other.height() != source.height()) {
      throw new IllegalArgumentException("frame " + frame + ": " + what + " is " + other.width() + "x"
          + other.height() + " but the source is " + source.width() + "x" + source.height());
    }
  }

  @Override
  public void close() {
    flows.close();
  }

  /** One frame's images and the metrics gathered so far (NaN until measured). */
  private static final class Frame {
    final int index;
    final int shot;
    final RgbImage source;
    final RgbImage output;
    final float[] editResidual;
    final RgbImage sourceSmall;
    final RgbImage outputSmall;
    final double lumaSource;
    final double lumaOutput;
    double warpShort = Double.NaN;
    double warpLong = Double.NaN;
    double motionError = Double.NaN;
    double landmarkError = Double.NaN;
    double lumaDeltaSource = Double.NaN;
    double lumaDeltaOutput = Double.NaN;
    double psnr;
    double ssim;
    /** Frame t-1 as seen from this frame (for edit fidelity); null at a shot start or once scored. */
    EditFidelity.Neighbour before;

    Frame(int index, int shot, RgbImage source, RgbImage output, RgbImage edited, RgbImage sourceSmall,
        RgbImage outputSmall) {
      this.index = index;
      this.shot = shot;
      this.source = source;
      this.output = output;
      this.editResidual = EditFidelity.residual(edited, source);
      this.sourceSmall = sourceSmall;
      this.outputSmall = outputSmall;
      this.lumaSource = source.meanLuma();
      this.lumaOutput = output.meanLuma();
    }
  }
}
