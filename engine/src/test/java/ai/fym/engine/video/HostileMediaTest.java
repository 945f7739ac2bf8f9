package ai.fym.engine.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ai.fym.engine.errors.FymException;
import ai.fym.engine.errors.FymException.Reason;
import ai.fym.engine.face.FaceDetection;
import ai.fym.engine.face.FaceDetector;
import ai.fym.engine.identity.FaceEmbedder;
import ai.fym.engine.image.ImageCodec;
import ai.fym.engine.image.RgbImage;
import ai.fym.engine.ingest.ClipIngestor;
import ai.fym.engine.ingest.FaceModels;
import ai.fym.engine.ingest.IngestSettings;
import ai.fym.engine.landmarks.LandmarkNet;
import ai.fym.engine.testing.HostileMedia;
import ai.fym.engine.testing.Samples;
import ai.fym.engine.testing.SyntheticVideos;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes the ingest decoding path with malformed inputs generated from the sample clip and from small
 * videos written by {@link VideoWriter}: truncations, seeded bit flips, wrong containers, an empty file,
 * lying headers (frame size, frame count, frame rate) and tight {@link VideoLimits}. Every case runs
 * through {@link VideoReader} and through {@link ClipIngestor#analyse} (with a detector that finds no face),
 * each under a preemptive timeout, and must end in a {@link FymException} with an expected reason or in a
 * decode within the limits and the declared frame count; no other exception may escape. Issue #8.
 */
class HostileMediaTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final Set<Reason> DAMAGED = EnumSet.of(Reason.CORRUPT_VIDEO, Reason.TRUNCATED_VIDEO);
  private static final Set<Reason> ANY_INPUT_FAULT = EnumSet.of(Reason.CORRUPT_VIDEO, Reason.TRUNCATED_VIDEO,
      Reason.NOT_A_VIDEO, Reason.UNSUPPORTED_CODEC, Reason.NO_VIDEO_STREAM, Reason.OVER_LIMITS);

  @TempDir static Path dir;
  private static final List<String> summary = new ArrayList<>();

  /** One generated input and what may come of it. */
  private record Case(String name, Path file, VideoLimits limits, Set<Reason> allowed, boolean mayDecode) {}

  @BeforeAll
  static void started() {
    summary.clear();
  }

  @AfterAll
  static void report() {
    System.out.println("hostile media: " + summary.size() + " cases");
    summary.forEach(s -> System.out.println("  " + s));
  }

  @TestFactory
  Stream<DynamicTest> everyHostileInputEndsInAReasonOrABoundedDecode() throws IOException {
    return cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> run(c)));
  }

  private static List<Case> cases() throws IOException {
    VideoLimits defaults = VideoLimits.defaults();
    List<Case> cases = new ArrayList<>();
    Path megamind = Samples.megamind();
    long size = Files.size(megamind);

    // Truncation: header only, 10 %, 50 %, 90 % of the sample clip.
    Path header = dir.resolve("cut-header.avi");
    HostileMedia.truncate(megamind, header, HostileMedia.aviHeaderEnd(megamind));
    cases.add(new Case("truncated: header only", header, defaults,
        EnumSet.of(Reason.CORRUPT_VIDEO, Reason.TRUNCATED_VIDEO, Reason.NOT_A_VIDEO), false));
    for (int percent : new int[] {10, 50, 90}) {
      Path cut = dir.resolve("cut-" + percent + ".avi");
      HostileMedia.truncate(megamind, cut, size * percent / 100);
      // 90 % of the bytes may still hold 90 % of the frames, which the reader accepts.
      cases.add(new Case("truncated: " + percent + "%", cut, defaults, DAMAGED, percent >= 90));
    }

    // Seeded bit flips in the header region (signature kept) and in the middle of the frame data.
    for (long seed = 1; seed <= 3; seed++) {
      Path head = dir.resolve("flip-header-" + seed + ".avi");
      HostileMedia.flipBits(megamind, head, 12, 4096, seed);
      cases.add(new Case("bit flips: header, seed " + seed, head, defaults, ANY_INPUT_FAULT, true));
      Path sparse = dir.resolve("flip-header-sparse-" + seed + ".avi");
      HostileMedia.flipBits(megamind, sparse, 12, 256, 4, seed); // the stream headers, before the padding
      cases.add(new Case("bit flips: 4 in the stream headers, seed " + seed, sparse, defaults, ANY_INPUT_FAULT, true));
      Path middle = dir.resolve("flip-middle-" + seed + ".avi");
      HostileMedia.flipBits(megamind, middle, (int) (size / 2), 4096, seed);
      cases.add(new Case("bit flips: middle, seed " + seed, middle, defaults, DAMAGED, true));
    }

    // Wrong containers: the name lies, the bytes decide.
    Path mp4 = dir.resolve("small.mp4");
    SyntheticVideos.movingPortrait(mp4, 20, 160, 120, false);
    Path mp4AsAvi = dir.resolve("mp4-named.avi");
    Files.copy(mp4, mp4AsAvi);
    cases.add(new Case("wrong container: mp4 named .avi", mp4AsAvi, defaults, EnumSet.of(Reason.NOT_A_VIDEO), true));
    Path aviAsMp4 = dir.resolve("avi-named.mp4");
    Files.copy(megamind, aviAsMp4);
    cases.add(new Case("wrong container: avi named .mp4", aviAsMp4, defaults, EnumSet.of(Reason.NOT_A_VIDEO), true));
    Path pngAsMp4 = dir.resolve("png-named.mp4");
    Files.write(pngAsMp4, ImageCodec.encodePng(ImageCodec.read(Samples.graceHopper())));
    cases.add(new Case("wrong container: PNG named .mp4", pngAsMp4, defaults, EnumSet.of(Reason.NOT_A_VIDEO), false));
    Path textAsMkv = dir.resolve("text-named.mkv");
    SyntheticVideos.textWithVideoExtension(textAsMkv);
    cases.add(new Case("wrong container: text named .mkv", textAsMkv, defaults, EnumSet.of(Reason.NOT_A_VIDEO), false));

    Path empty = dir.resolve("empty.avi");
    SyntheticVideos.zeroByte(empty);
    cases.add(new Case("zero-length file", empty, defaults, EnumSet.of(Reason.EMPTY_FILE), false));

    // Frame size: tight limits on the real clip, and small AVIs whose header lies about the size.
    cases.add(new Case("dimensions: 720x528 clip, limit 320x240", megamind, new VideoLimits(320, 240,
        defaults.maxFrames(), defaults.maxDurationSeconds(), defaults.maxFileBytes()), EnumSet.of(Reason.OVER_LIMITS),
        false));
    Path small = dir.resolve("small.avi");
    SyntheticVideos.noFace(small, 16, 64, 48);
    Path huge = dir.resolve("declares-100000x100000.avi");
    HostileMedia.aviWithDeclaredSize(small, huge, 100_000, 100_000);
    // FFmpeg takes the size from the codec's own headers, so the lie may be ignored: then the frames are 64x48.
    cases.add(new Case("dimensions: header declares 100000x100000", huge, defaults,
        EnumSet.of(Reason.OVER_LIMITS, Reason.CORRUPT_VIDEO), true));
    Path zeroSize = dir.resolve("declares-0x0.avi");
    HostileMedia.aviWithDeclaredSize(small, zeroSize, 0, 0);
    cases.add(new Case("dimensions: header declares 0x0", zeroSize, defaults, DAMAGED, true));

    // Frame counts: a tight limit on the real clip, a stream that declares none, a header that lies.
    cases.add(new Case("frames: 270-frame clip, limit 10", megamind, new VideoLimits(defaults.maxWidth(),
        defaults.maxHeight(), 10, defaults.maxDurationSeconds(), defaults.maxFileBytes()),
        EnumSet.of(Reason.OVER_LIMITS), false));
    Path undeclared = dir.resolve("undeclared.mkv");
    SyntheticVideos.undeclaredLength(undeclared, 40, 64, 48);
    cases.add(new Case("frames: undeclared length 40, limit 10", undeclared, new VideoLimits(defaults.maxWidth(),
        defaults.maxHeight(), 10, defaults.maxDurationSeconds(), defaults.maxFileBytes()),
        EnumSet.of(Reason.OVER_LIMITS), false));
    Path lying = dir.resolve("declares-2147483647-frames.avi");
    HostileMedia.aviWithDeclaredLength(small, lying, Integer.MAX_VALUE);
    cases.add(new Case("frames: header declares 2^31-1", lying, defaults,
        EnumSet.of(Reason.OVER_LIMITS, Reason.TRUNCATED_VIDEO), true));
    Path none = dir.resolve("declares-0-frames.avi");
    HostileMedia.aviWithDeclaredLength(small, none, 0);
    cases.add(new Case("frames: header declares 0", none, defaults, DAMAGED, true));

    // Frame rates: zero, 0/0 (NaN) and absurd; the reader falls back to its default rate.
    int[][] rates = {{0, 1}, {0, 0}, {1, 0}, {90000, 1}};
    for (int[] r : rates) {
      Path rate = dir.resolve("rate-" + r[0] + "-" + r[1] + ".avi");
      SyntheticVideos.aviWithDeclaredRate(rate, r[0], r[1]);
      cases.add(new Case("fps: header declares " + r[0] + "/" + r[1], rate, defaults, ANY_INPUT_FAULT, true));
    }
    return cases;
  }

  private static void run(Case c) {
    long start = System.nanoTime();
    String readerOutcome = assertTimeoutPreemptively(TIMEOUT, () -> decode(c), c.name() + ": VideoReader hung");
    String ingestOutcome = assertTimeoutPreemptively(TIMEOUT, () -> ingest(c), c.name() + ": ClipIngestor hung");
    // Ingest decodes through the same reader: a decoded clip reaches face detection (none here), a bad one
    // fails with the reader's reason.
    String expectedIngest = readerOutcome.startsWith("decoded") ? Reason.NO_FACE.name()
        : readerOutcome.substring(0, readerOutcome.indexOf(':'));
    assertEquals(expectedIngest, ingestOutcome.substring(0, ingestOutcome.indexOf(':')),
        c.name() + ": ingest ended differently from the reader: " + ingestOutcome);
    synchronized (summary) {
      summary.add(String.format("%-45s %-60s ingest %s (%d ms)", c.name(), abbreviate(readerOutcome),
          abbreviate(ingestOutcome), (System.nanoTime() - start) / 1_000_000));
    }
  }

  /** Decodes everything; "decoded N of M frames at F fps" or "REASON: message". */
  private static String decode(Case c) {
    VideoInfo info = null;
    try (VideoReader reader = VideoReader.open(c.file(), c.limits())) {
      info = reader.info();
      assertTrue(info.width() > 0 && info.width() <= c.limits().maxWidth(), c.name() + ": width " + info);
      assertTrue(info.height() > 0 && info.height() <= c.limits().maxHeight(), c.name() + ": height " + info);
      assertTrue(Double.isFinite(info.fps()) && info.fps() >= 1 && info.fps() <= 480, c.name() + ": fps " + info);
      RgbImage frame;
      while ((frame = reader.next()) != null) {
        assertEquals(info.width(), frame.width(), c.name());
        assertEquals(info.height(), frame.height(), c.name());
      }
      long n = reader.framesRead();
      assertTrue(c.mayDecode(), c.name() + ": expected one of " + c.allowed() + " but decoded " + n + " frames, " + info);
      assertTrue(n >= 1 && n <= c.limits().maxFrames(), c.name() + ": decoded " + n + " frames");
      if (info.frames() > 0) {
        assertTrue(n <= info.frames(), c.name() + ": decoded " + n + " frames, more than declared: " + info);
      }
      return String.format("decoded %d of %d frames at %.0f fps", n, info.frames(), info.fps());
    } catch (FymException e) {
      assertTrue(c.allowed().contains(e.reason()), c.name() + ": unexpected " + e.reason() + ": " + e.getMessage());
      assertTrue(e.getMessage().contains(c.file().toString()), c.name() + ": message names the input: " + e.getMessage());
      return e.reason() + ": " + e.getMessage();
    } catch (RuntimeException | Error e) {
      if (e instanceof org.opentest4j.AssertionFailedError) {
        throw e;
      }
      throw new AssertionError(c.name() + ": a " + e.getClass().getName() + " escaped the reader", e);
    }
  }

  /** Pass 1 of ingest with a detector that finds nothing: ends in the reader's reason or NO_FACE. */
  private static String ingest(Case c) {
    IngestSettings settings = new IngestSettings(c.limits(), VideoReader.DEFAULT_FOLDER_FPS, 256, 1.6f, 0.5f, 0.3f, 5,
        12, 0.36f, 5, 1, TIMEOUT.toSeconds());
    try {
      new ClipIngestor(settings, new NoFaces()).analyse(c.file(), c.file().toString());
      return fail(c.name() + ": ingest found faces with a detector that finds none");
    } catch (FymException e) {
      return e.reason() + ": " + e.getMessage();
    } catch (RuntimeException | Error e) {
      if (e instanceof org.opentest4j.AssertionFailedError) {
        throw e;
      }
      throw new AssertionError(c.name() + ": a " + e.getClass().getName() + " escaped ClipIngestor", e);
    }
  }

  private static String abbreviate(String s) {
    String one = s.replace(dir.toString(), "").replace('\n', ' ');
    return one.length() <= 140 ? one : one.substring(0, 137) + "...";
  }

  /** Models whose detector never finds a face; the nets are never reached. */
  private static final class NoFaces implements FaceModels {
    @Override
    public FaceDetector newDetector() {
      return new FaceDetector() {
        @Override
        public List<FaceDetection> detect(RgbImage frame) {
          return List.of();
        }

        @Override
        public void close() {}
      };
    }

    @Override
    public LandmarkNet landmarks() {
      throw new UnsupportedOperationException("not needed without faces");
    }

    @Override
    public FaceEmbedder embedder() {
      throw new UnsupportedOperationException("not needed without faces");
    }
  }
}
