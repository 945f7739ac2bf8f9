package ai.fym.engine.track;

import ai.fym.engine.face.FaceDetection;
import ai.fym.engine.geom.Box;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Links per-frame face detections into {@link Track}s within one shot. Each open track predicts its box
 * in the new frame (constant velocity from its recent detections); detections are assigned greedily by
 * affinity = IoU(prediction, detection) - {@value #CENTRE_WEIGHT} x centre distance / face side, among
 * pairs whose IoU reaches {@code minIou} or whose centres lie within {@value #MAX_CENTRE_SHIFT} face
 * sides at a similar size (so a Haar box of another scale still joins). A track survives up to
 * {@code maxGap} frames without a detection; the gap is filled by linear interpolation when it is seen
 * again. Tracks detected in fewer than {@code minLength} frames are dropped as spurious.
 *
 * <p>Call {@link #observe} for the frames of a shot in increasing order, then {@link #finishShot} at
 * each cut and at the end of the video: tracks never cross a cut. Not thread-safe.
 */
public final class FaceTracker {
  public static final float DEFAULT_MIN_IOU = 0.3f;
  public static final int DEFAULT_MAX_GAP = 5;
  public static final int DEFAULT_MIN_LENGTH = 12;
  static final float CENTRE_WEIGHT = 0.5f;
  static final float MAX_CENTRE_SHIFT = 0.5f;
  private static final float MAX_SIZE_RATIO = 1.6f;
  /** Weight of the newest displacement in the velocity estimate (exponential average). */
  private static final float VELOCITY_GAIN = 0.5f;

  private final float minIou;
  private final int maxGap;
  private final int minLength;
  private final List<OpenTrack> open = new ArrayList<>();
  private final List<OpenTrack> closed = new ArrayList<>();
  private int nextId;
  private int lastFrameIndex = Integer.MIN_VALUE;

  /** A tracker with the defaults: min IoU 0.3, gaps up to 5 frames, tracks of at least 12 detections. */
  public FaceTracker() {
    this(DEFAULT_MIN_IOU, DEFAULT_MAX_GAP, DEFAULT_MIN_LENGTH);
  }

  /**
   * @param minIou smallest IoU between a track's predicted box and a detection to link them, in [0, 1]
   * @param maxGap most consecutive frames a track may go undetected and still continue
   * @param minLength fewest detected frames for a track to be kept
   */
  public FaceTracker(float minIou, int maxGap, int minLength) {
    if (!(minIou >= 0f && minIou <= 1f) || maxGap < 0 || minLength < 1) {
      throw new IllegalArgumentException("need 0 <= minIou <= 1, maxGap >= 0, minLength >= 1; got "
          + minIou + ", " + maxGap + ", " + minLength);
    }
    this.minIou = minIou;
    this.maxGap = maxGap;
    this.minLength = minLength;
  }

  /** Adds the detections of one frame; frame indices must increase within a shot. */
  public void observe(int frameIndex, List<FaceDetection> detections) {
    if (frameIndex <= lastFrameIndex) {
      throw new IllegalArgumentException("frame " + frameIndex + " observed after frame " + lastFrameIndex
          + "; call finishShot() before going back");
    }
    lastFrameIndex = frameIndex;
    for (int i = open.size() - 1; i >= 0; i--) {
      if (frameIndex - open.get(i).lastFrame() - 1 > maxGap) {
        closed.add(open.remove(i));
      }
    }
    List<Pair> pairs = new ArrayList<>();
    for (int t = 0; t < open.size(); t++) {
      Box predicted = open.get(t).predict(frameIndex);
      for (int d = 0; d < detections.size(); d++) {
        Box box = detections.get(d).box();
        float affinity = affinity(predicted, box);
        if (!Float.isNaN(affinity)) {
          pairs.add(new Pair(t, d, affinity));
        }
      }
    }
    pairs.sort(Comparator.comparingDouble(Pair::affinity).reversed());
    boolean[] trackTaken = new boolean[open.size()];
    boolean[] detectionTaken = new boolean[detections.size()];
    for (Pair p : pairs) {
      if (!trackTaken[p.track] && !detectionTaken[p.detection]) {
        trackTaken[p.track] = true;
        detectionTaken[p.detection] = true;
        open.get(p.track).extend(frameIndex, detections.get(p.detection));
      }
    }
    for (int d = 0; d < detections.size(); d++) {
      if (!detectionTaken[d]) {
        open.add(new OpenTrack(frameIndex, detections.get(d)));
      }
    }
  }

  /**
   * Ends every track of the current shot and returns those long enough, ordered by first frame, with
   * fresh ids. The tracker is then ready for the next shot.
   */
  public List<Track> finishShot() {
    closed.addAll(open);
    open.clear();
    closed.sort(Comparator.comparingInt(OpenTrack::firstFrame));
    List<Track> tracks = new ArrayList<>();
    for (OpenTrack t : closed) {
      if (t.detected() >= minLength) {
        tracks.add(t.toTrack(nextId++));
      }
    }
    closed.clear();
    lastFrameIndex = Integer.MIN_VALUE;
    return tracks;
  }

  /** Affinity of a detection to a predicted box, or NaN when they must not be linked. */
  private float affinity(Box predicted, Box detected) {
    float iou = predicted.iou(detected);
    float side = Math.max(1f, (float) Math.sqrt(predicted.area()));
    float shift = (float) Math.hypot(predicted.centerX() - detected.centerX(),
        predicted.centerY() - detected.centerY()) / side;
    float ratio = (float) Math.sqrt(Math.max(detected.area(), 1e-6f) / Math.max(predicted.area(), 1e-6f));
    boolean similarSize = ratio <= MAX_SIZE_RATIO && ratio >= 1f / MAX_SIZE_RATIO;
    boolean admissible = iou >= minIou || (shift <= MAX_CENTRE_SHIFT && similarSize);
    return admissible ? iou - CENTRE_WEIGHT * shift : Float.NaN;
  }

  private record Pair(int track, int detection, float affinity) {}

  /** A track still being built: its boxes so far and a velocity for prediction. */
  private static final class OpenTrack {
    private final int firstFrame;
    private final List<Box> boxes = new ArrayList<>();
    private final List<Float> scores = new ArrayList<>();
    private final List<Boolean> interpolated = new ArrayList<>();
    private float vx;
    private float vy;
    private float vw;
    private float vh;
    private int detected;

    OpenTrack(int frame, FaceDetection first) {
      firstFrame = frame;
      add(first.box(), first.score(), false);
    }

    int firstFrame() {
      return firstFrame;
    }

    int lastFrame() {
      return firstFrame + boxes.size() - 1;
    }

    int detected() {
      return detected;
    }

    Box predict(int frame) {
      Box last = boxes.get(boxes.size() - 1);
      float dt = frame - lastFrame();
      return new Box(last.x() + vx * dt, last.y() + vy * dt,
          Math.max(1f, last.width() + vw * dt), Math.max(1f, last.height() + vh * dt));
    }

    void extend(int frame, FaceDetection detection) {
      Box last = boxes.get(boxes.size() - 1);
      Box next = detection.box();
      int steps = frame - lastFrame();
      for (int s = 1; s < steps; s++) {
        float a = s / (float) steps;
        add(new Box(lerp(last.x(), next.x(), a), lerp(last.y(), next.y(), a),
            lerp(last.width(), next.width(), a), lerp(last.height(), next.height(), a)), 0f, true);
      }
      float g = detected == 1 ? 1f : VELOCITY_GAIN;
      vx += g * ((next.x() - last.x()) / steps - vx);
      vy += g * ((next.y() - last.y()) / steps - vy);
      vw += g * ((next.width() - last.width()) / steps - vw);
      vh += g * ((next.height() - last.height()) / steps - vh);
      add(next, detection.score(), false);
    }

    private void add(Box box, float score, boolean guessed) {
      boxes.add(box);
      scores.add(score);
      interpolated.add(guessed);
      detected += guessed ? 0 : 1;
    }

    /** The finished track; it ends on a detection, as gaps are only filled when a face reappears. */
    Track toTrack(int id) {
      int n = boxes.size();
      float[] s = new float[n];
      boolean[] flags = new boolean[n];
      for (int i = 0; i < n; i++) {
        s[i] = scores.get(i);
        flags[i] = interpolated.get(i);
      }
      return new Track(id, firstFrame, boxes, s, flags);
    }

    private static float lerp(float a, float b, float t) {
      return a + (b - a) * t;
    }
  }
}
