package ai.fym.engine.ingest;

import ai.fym.engine.errors.Errors;
import ai.fym.engine.errors.FymException;
import ai.fym.engine.face.FaceDetection;
import ai.fym.engine.face.FaceDetector;
import ai.fym.engine.geom.Box;
import ai.fym.engine.image.RgbImage;
import ai.fym.engine.track.CropSmoother;
import ai.fym.engine.track.FaceTracker;
import ai.fym.engine.track.Track;
import ai.fym.engine.video.ShotDetector;
import ai.fym.engine.video.VideoInfo;
import ai.fym.engine.video.VideoReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Ingests one clip, in three decoding passes so that memory stays bounded whatever the clip length:
 * pass 1 decodes every frame once for shot cuts, face detection and tracking; pass 2 decodes again
 * to embed a few frames per track and group tracks into persons; {@link ClipAnalysis#frames()} is
 * pass 3, which streams the smoothed face crops and landmarks of every tracked frame. Decoding is
 * cheap next to the networks, so re-decoding costs less than holding frames.
 */
public final class ClipIngestor {
  private final IngestSettings settings;
  private final FaceModels models;

  public ClipIngestor(IngestSettings settings, FaceModels models) {
    this.settings = settings;
    this.models = models;
  }

  /**
   * Runs passes 1 and 2 on a local file or frame folder. Throws NO_FACE when no track survives, and
   * the video reader's reasons for bad input. {@code inputName} appears in messages.
   */
  public ClipAnalysis analyse(Path source, String inputName) throws FymException {
    Deadline deadline = new Deadline(inputName, settings.timeoutSeconds());
    List<Shot> shots = new ArrayList<>();
    List<Track> rawTracks = new ArrayList<>();
    List<Integer> trackShots = new ArrayList<>();
    List<List<FaceDetection>> detections = new ArrayList<>();
    VideoInfo info;
    int frames = 0;
    try (VideoReader reader = VideoReader.open(source, settings.limits(), settings.frameFolderFps());
         FaceDetector detector = models.newDetector()) {
      info = reader.info();
      ShotDetector cuts = new ShotDetector();
      FaceTracker tracker = new FaceTracker(settings.trackMinIou(), settings.trackMaxGap(), settings.trackMinFrames());
      int shotStart = 0;
      RgbImage frame;
      while ((frame = reader.next()) != null) {
        deadline.check();
        if (cuts.observe(frame) && frames > 0) {
          closeShot(shots, shotStart, frames, tracker, rawTracks, trackShots);
          shotStart = frames;
        }
        List<FaceDetection> found = detector.detect(frame);
        detections.add(found);
        tracker.observe(frames, found);
        frames++;
      }
      if (frames > 0) {
        closeShot(shots, shotStart, frames, tracker, rawTracks, trackShots);
      }
    }
    if (rawTracks.isEmpty()) {
      throw Errors.noFace(inputName, frames);
    }
    List<TrackInfo> tracks = embedAndGroup(source, inputName, rawTracks, trackShots, deadline);
    List<List<Box>> crops = new ArrayList<>();
    CropSmoother smoother = new CropSmoother(settings.cropScale(), CropSmoother.DEFAULT_CENTRE_SIGMA,
        CropSmoother.DEFAULT_SIZE_SIGMA);
    for (Track t : rawTracks) {
      crops.add(smoother.smooth(t));
    }
    return new ClipAnalysis(info, frames, shots, tracks, rawTracks, crops, detections, source, settings,
        models, deadline);
  }

  private static void closeShot(List<Shot> shots, int start, int end, FaceTracker tracker, List<Track> tracks,
      List<Integer> trackShots) {
    int index = shots.size();
    shots.add(new Shot(index, start, end));
    for (Track t : tracker.finishShot()) {
      tracks.add(t);
      trackShots.add(index);
    }
  }

  /** Pass 2: mean embedding of up to N well-spread frames per track, then person grouping. */
  private List<TrackInfo> embedAndGroup(Path source, String inputName, List<Track> raw, List<Integer> shots,
      Deadline deadline) throws FymException {
    int n = Math.max(1, settings.embedFramesPerTrack());
    float[][] sums = new float[raw.size()][];
    int[] counts = new int[raw.size()];
    try (VideoReader reader = VideoReader.open(source, settings.limits(), settings.frameFolderFps())) {
      RgbImage frame;
      int index = 0;
      while ((frame = reader.next()) != null) {
        deadline.check();
        for (int t = 0; t < raw.size(); t++) {
          Track track = raw.get(t);
          int offset = index - track.firstFrame();
          int length = track.boxes().size();
          if (offset < 0 || offset >= length || !isSample(offset, length, n)) {
            continue;
          }
          Box aligned = models.landmarks().detect(frame, track.boxes().get(offset)).alignedBox();
          float[] e = models.embedder().embed(frame, aligned);
          if (sums[t] == null) {
            sums[t] = new float[e.length];
          }
          for (int i = 0; i < e.length; i++) {
            sums[t][i] += e[i];
          }
          counts[t]++;
        }
        index++;
      }
    }
    List<TrackInfo> provisional = new ArrayList<>();
    for (int t = 0; t < raw.size(); t++) {
      provisional.add(summary(raw.get(t), shots.get(t), normalised(sums[t]), 0));
    }
    int[] person = PersonGrouping.group(provisional, settings.mergeDistance());
    List<TrackInfo> out = new ArrayList<>();
    for (int t = 0; t < raw.size(); t++) {
      TrackInfo p = provisional.get(t);
      out.add(new TrackInfo(p.id(), p.shot(), p.firstFrame(), p.lastFrame(), p.meanScore(), p.meanFaceSize(),
          p.embedding(), person[t]));
    }
    return out;
  }

  /** Picks n offsets spread evenly over a track of the given length. */
  static boolean isSample(int offset, int length, int n) {
    if (length <= n) {
      return true;
    }
    for (int k = 0; k < n; k++) {
      if (offset == (int) ((k + 0.5) * length / n)) {
        return true;
      }
    }
    return false;
  }

  private static TrackInfo summary(Track t, int shot, float[] embedding, int person) {
    double size = 0;
    for (Box b : t.boxes()) {
      size += Math.max(b.width(), b.height());
    }
    double score = 0;
    for (float s : t.scores()) {
      score += s;
    }
    int n = t.boxes().size();
    return new TrackInfo(t.id(), shot, t.firstFrame(), t.firstFrame() + n - 1, (float) (score / n),
        (float) (size / n), embedding, person);
  }

  private static float[] normalised(float[] v) {
    if (v == null) {
      return null;
    }
    double norm = 0;
    for (float x : v) {
      norm += x * x;
    }
    float inv = (float) (1.0 / Math.max(1e-12, Math.sqrt(norm)));
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i] * inv;
    }
    return out;
  }

  /** The wall-clock limit of one clip, checked between frames. */
  static final class Deadline {
    private final String input;
    private final long seconds;
    private final long endNanos;

    Deadline(String input, long seconds) {
      this.input = input;
      this.seconds = seconds;
      this.endNanos = System.nanoTime() + seconds * 1_000_000_000L;
    }

    void check() throws FymException {
      if (System.nanoTime() > endNanos) {
        throw Errors.decodeTimeout(input, seconds, "fym.ingest.clipTimeoutSeconds");
      }
    }
  }
}
