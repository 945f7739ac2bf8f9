package ai.fym.engine.ingest;

import ai.fym.engine.errors.Errors;
import ai.fym.engine.errors.FymException;
import ai.fym.engine.face.FaceDetection;
import ai.fym.engine.geom.Box;
import ai.fym.engine.image.ImageCodec;
import ai.fym.engine.image.RgbImage;
import ai.fym.engine.landmarks.Landmarks68;
import ai.fym.engine.track.CropTransform;
import ai.fym.engine.track.Track;
import ai.fym.engine.video.VideoInfo;
import ai.fym.engine.video.VideoReader;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The result of passes 1 and 2 of {@link ClipIngestor}: video facts, shots, tracks with their person
 * groups; and pass 3, {@link #frames()}, which decodes the clip once more and yields every tracked
 * face of every frame in frame order, computing landmarks and crops on a small worker pool.
 */
public final class ClipAnalysis {
  private final VideoInfo info;
  private final int framesDecoded;
  private final List<Shot> shots;
  private final List<TrackInfo> tracks;
  private final List<Track> rawTracks;
  private final List<List<Box>> cropBoxes;
  private final List<List<FaceDetection>> detections;
  private final Path source;
  private final IngestSettings settings;
  private final FaceModels models;
  private final ClipIngestor.Deadline deadline;

  ClipAnalysis(VideoInfo info, int framesDecoded, List<Shot> shots, List<TrackInfo> tracks, List<Track> rawTracks,
      List<List<Box>> cropBoxes, List<List<FaceDetection>> detections, Path source, IngestSettings settings,
      FaceModels models, ClipIngestor.Deadline deadline) {
    this.info = info;
    this.framesDecoded = framesDecoded;
    this.shots = List.copyOf(shots);
    this.tracks = List.copyOf(tracks);
    this.rawTracks = rawTracks;
    this.cropBoxes = cropBoxes;
    this.detections = detections;
    this.source = source;
    this.settings = settings;
    this.models = models;
    this.deadline = deadline;
  }

  public VideoInfo info() {
    return info;
  }

  public int framesDecoded() {
    return framesDecoded;
  }

  public List<Shot> shots() {
    return shots;
  }

  public List<TrackInfo> tracks() {
    return tracks;
  }

  /** Number of person groups among the tracks. */
  public int persons() {
    return tracks.stream().mapToInt(TrackInfo::person).max().orElse(-1) + 1;
  }

  /** Pass 3: a stream of faces in frame order; close it to stop early. */
  public FrameStream frames() throws FymException {
    return new FrameStream(VideoReader.open(source, settings.limits(), settings.frameFolderFps()));
  }

  private List<FrameFace> facesOf(RgbImage frame, int index) throws FymException {
    List<FrameFace> out = new ArrayList<>();
    for (int t = 0; t < rawTracks.size(); t++) {
      Track track = rawTracks.get(t);
      int offset = index - track.firstFrame();
      if (offset < 0 || offset >= track.boxes().size()) {
        continue;
      }
      Box face = track.boxes().get(offset);
      CropTransform transform = CropTransform.of(cropBoxes.get(t).get(offset), settings.cropSize());
      RgbImage crop = transform.crop(frame);
      Landmarks68 points = models.landmarks().detect(frame, face);
      float[] inCrop = new float[points.xy().length];
      for (int i = 0; i < inCrop.length; i += 2) {
        float[] p = transform.toCrop(points.xy()[i], points.xy()[i + 1]);
        inCrop[i] = p[0];
        inCrop[i + 1] = p[1];
      }
      FaceDetection match = matchingDetection(index, face);
      out.add(new FrameFace(track.id(), tracks.get(t).shot(), index, index / info.fps(), ImageCodec.encodePng(crop),
          transform.toArray(), inCrop, match == null ? 0f : match.score(),
          match == null ? "interpolated" : match.detector(), match == null));
    }
    return out;
  }

  /** The detection the tracker took for this frame, or null when the box was interpolated. */
  private FaceDetection matchingDetection(int index, Box box) {
    FaceDetection best = null;
    float bestIou = 0.9f;
    for (FaceDetection d : detections.get(index)) {
      float iou = d.box().iou(box);
      if (iou >= bestIou) {
        best = d;
        bestIou = iou;
      }
    }
    return best;
  }

  /**
   * Pass 3 as a pull iterator: the caller's thread decodes, a pool of {@code threads} workers
   * computes crops and landmarks for a window of frames ahead, results come back in frame order.
   */
  public final class FrameStream implements AutoCloseable {
    private final VideoReader reader;
    private final ExecutorService pool;
    private final ArrayDeque<Future<List<FrameFace>>> window = new ArrayDeque<>();
    private final ArrayDeque<FrameFace> ready = new ArrayDeque<>();
    private final int lookahead;
    private int nextIndex;
    private boolean exhausted;

    private FrameStream(VideoReader reader) {
      this.reader = reader;
      int threads = Math.max(1, settings.threads());
      this.pool = threads > 1 ? Executors.newFixedThreadPool(threads, r -> {
        Thread th = new Thread(r, "fym-ingest-worker");
        th.setDaemon(true);
        return th;
      }) : null;
      this.lookahead = threads * 2;
    }

    /** The next face, or null at the end of the clip. */
    public FrameFace next() throws FymException {
      while (ready.isEmpty()) {
        fill();
        if (window.isEmpty()) {
          return null;
        }
        try {
          ready.addAll(window.removeFirst().get());
        } catch (ExecutionException e) {
          throw Errors.wrap(source.toString(), e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw Errors.internal(source.toString(), e);
        }
      }
      return ready.removeFirst();
    }

    private void fill() throws FymException {
      while (!exhausted && window.size() < lookahead) {
        deadline.check();
        RgbImage frame = reader.next();
        if (frame == null || nextIndex >= framesDecoded) {
          exhausted = true;
          return;
        }
        int index = nextIndex++;
        if (pool == null) {
          window.add(java.util.concurrent.CompletableFuture.completedFuture(facesOf(frame, index)));
        } else {
          window.add(pool.submit(() -> facesOf(frame, index)));
        }
      }
    }

    @Override
    public void close() {
      if (pool != null) {
        pool.shutdownNow();
      }
      reader.close();
    }
  }
}
