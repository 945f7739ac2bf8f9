package ai.fym.udfs.ingest;

import ai.fym.engine.errors.FymException;
import ai.fym.engine.ingest.ClipAnalysis;
import ai.fym.engine.ingest.FrameFace;
import ai.fym.engine.ingest.Shot;
import ai.fym.engine.ingest.TrackInfo;
import ai.fym.engine.video.VideoInfo;
import java.sql.Timestamp;
import java.util.List;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Builds the rows of the ingest tables in the column order of {@link IngestSchemas}, and names the
 * person groups of a clip: one person keeps the clip's identity; several become
 * {@code <identity>/t<first track id>}, except the manifest's named subject (the person seen in
 * most frames), which keeps the plain identity.
 */
public final class IngestRows {
  private IngestRows() {}

  static Row union(String kind, Row payload) {
    return RowFactory.create(kind,
        IngestSchemas.KIND_CLIP.equals(kind) ? payload : null,
        IngestSchemas.KIND_SHOT.equals(kind) ? payload : null,
        IngestSchemas.KIND_TRACK.equals(kind) ? payload : null,
        IngestSchemas.KIND_FRAME.equals(kind) ? payload : null,
        IngestSchemas.KIND_QUARANTINE.equals(kind) ? payload : null,
        IngestSchemas.KIND_RUN.equals(kind) ? payload : null);
  }

  /** The identity of the person group a track belongs to. */
  public static String personIdentity(ClipInput in, TrackInfo track, int persons, List<TrackInfo> all) {
    if (persons <= 1) {
      return in.identity();
    }
    if (in.subject() && track.person() == dominantPerson(all, persons)) {
      return in.identity();
    }
    int first = all.stream().filter(t -> t.person() == track.person()).mapToInt(TrackInfo::id).min().orElseThrow();
    return in.identity() + "/t" + first;
  }

  private static int dominantPerson(List<TrackInfo> tracks, int persons) {
    int[] frames = new int[persons];
    for (TrackInfo t : tracks) {
      frames[t.person()] += t.frames();
    }
    int best = 0;
    for (int p = 1; p < persons; p++) {
      if (frames[p] > frames[best]) {
        best = p;
      }
    }
    return best;
  }

  static Row shot(ClipInput in, Shot s, double fps) {
    return RowFactory.create(in.identity(), in.clip(), s.index(), s.startFrame(), s.endFrame(), s.frames(),
        s.startFrame() / fps, s.endFrame() / fps);
  }

  static Row track(ClipInput in, TrackInfo t, String person) {
    return RowFactory.create(person, in.identity(), in.clip(), t.id(), t.shot(), t.firstFrame(), t.lastFrame(),
        t.frames(), t.meanScore(), t.meanFaceSize(), boxed(t.embedding()));
  }

  static Row frame(ClipInput in, FrameFace f, String person) {
    return RowFactory.create(person, in.identity(), in.clip(), f.shot(), f.track(), f.frameIndex(), f.timestamp(),
        f.cropPng(), boxed(f.cropTransform()), boxed(f.landmarks()), f.score(), f.detector(), f.interpolated());
  }

  static Row ingestedClip(ClipInput in, String sha256, ClipAnalysis a, String[] persons, double seconds) {
    VideoInfo v = a.info();
    return RowFactory.create(in.identity(), in.clip(), in.uri(), sha256, in.fingerprint(), v.container(), v.codec(),
        v.width(), v.height(), v.fps(), (long) a.framesDecoded(), a.framesDecoded() / v.fps(), a.shots().size(),
        a.tracks().size(), CollectionConverters.asScala(List.of(persons)).toSeq(), edits(in),
        IngestSchemas.STATUS_INGESTED, null, seconds, new Timestamp(System.currentTimeMillis()));
  }

  static Row quarantinedClip(ClipInput in, String sha256, FymException e, double seconds) {
    return RowFactory.create(in.identity(), in.clip(), in.uri(), sha256, in.fingerprint(), null, null, null, null,
        null, null, null, null, null, null, edits(in), IngestSchemas.STATUS_QUARANTINED, e.reason().name(), seconds,
        new Timestamp(System.currentTimeMillis()));
  }

  /** A quarantine row for an input that failed at {@code stage}. */
  public static Row quarantine(ClipInput in, String stage, FymException e, Timestamp at) {
    return quarantine(in.uri(), in.identity(), in.clip(), stage, e, in.fingerprint(), at);
  }

  public static Row quarantine(String input, String identity, String clip, String stage, FymException e,
      String fingerprint, Timestamp at) {
    return RowFactory.create(input, identity, clip, stage, e.reason().name(), e.getMessage(), fingerprint, at);
  }

  private static scala.collection.Map<String, String> edits(ClipInput in) {
    return CollectionConverters.asScala(new TreeMap<>(in.edits()));
  }

  private static scala.collection.Seq<Float> boxed(float[] values) {
    if (values == null) {
      return null;
    }
    Float[] b = new Float[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = values[i];
    }
    return CollectionConverters.asScala(List.of(b)).toSeq();
  }
}
