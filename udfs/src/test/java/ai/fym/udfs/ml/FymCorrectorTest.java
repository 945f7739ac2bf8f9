package ai.fym.udfs.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fym.engine.config.FymConfig;
import ai.fym.engine.correct.Correctors;
import ai.fym.engine.correct.InMemoryShot;
import ai.fym.engine.diffusion.DiffusionCorrection;
import ai.fym.engine.diffusion.DiffusionCorrection.ShotInput;
import ai.fym.engine.geom.Box;
import ai.fym.engine.image.ImageCodec;
import ai.fym.engine.image.RgbImage;
import ai.fym.engine.trajectory.FieldSource;
import ai.fym.engine.trajectory.TrajectoryField;
import ai.fym.engine.trajectory.TrajectorySettings;
import ai.fym.udfs.io.Localizer;
import ai.fym.udfs.testing.SparkTestBase;
import ai.fym.udfs.trajectory.StoredFields;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The transformer on two tiny synthetic shots of one clip, the first with a stored field, the second without. */
class FymCorrectorTest extends SparkTestBase {
  private static final int W = 32;
  private static final int H = 24;
  private static final int FRAMES = 6;
  private static final Box FACE = new Box(6, 4, 20, 16);
  private static final StructType SCHEMA = new StructType()
      .add("identity", DataTypes.StringType).add("clip", DataTypes.StringType)
      .add("shot", DataTypes.IntegerType).add("frame", DataTypes.IntegerType)
      .add("source", DataTypes.BinaryType).add("edited", DataTypes.BinaryType)
      .add("face_box", DataTypes.createArrayType(DataTypes.FloatType)).add("field_uri", DataTypes.StringType);

  @TempDir
  static Path dir;
  private static List<List<RgbImage>> sources;
  private static List<List<RgbImage>> edits;
  private static String fieldUri;
  private static String trainedUri;
  private static String untrainedUri;
  private static Dataset<Row> frames;

  /** Small trajectory and diffusion settings; {@code steps} the base denoiser's, also its adaptation steps. */
  private static Map<String, String> config(int steps) {
    Map<String, String> c = new LinkedHashMap<>();
    c.put("fym.trajectory.levels", "8");
    c.put("fym.trajectory.log2TableSize", "12");
    c.put("fym.trajectory.baseResolution", "4");
    c.put("fym.trajectory.growth", "1.5");
    c.put("fym.trajectory.hidden", "16");
    c.put("fym.trajectory.workingSize", "32");
    c.put("fym.trajectory.steps", "30");
    c.put("fym.trajectory.batch", "256");
    c.put("fym.trajectory.checkpointEvery", "0");
    c.put("fym.trajectory.threads", "1");
    c.put("fym.diffusion.size", "16");
    c.put("fym.diffusion.channels", "8");
    c.put("fym.diffusion.baseSteps", Integer.toString(steps));
    c.put("fym.diffusion.adaptSteps", Integer.toString(Math.min(steps, 2)));
    c.put("fym.diffusion.batch", "1");
    c.put("fym.diffusion.sampleSteps", "1");
    c.put("fym.diffusion.hintWindow", "2");
    return c;
  }

  @BeforeAll
  static void data() throws Exception {
    FymConfig trained = CorrectShots.configOf(config(3));
    TrajectorySettings ts = trained.trajectorySettings();
    sources = List.of(gliding(11), gliding(23));
    edits = List.of(brighten(sources.get(0)), brighten(sources.get(1)));
    List<Box> boxes = Collections.nCopies(FRAMES, FACE);
    try (TrajectoryField a = FieldSource.trainOnDemand(ts).field(0, sources.get(0));
         TrajectoryField b = FieldSource.trainOnDemand(ts).field(FRAMES, sources.get(1))) {
      a.save(dir.resolve("field-a.fymf"));
      fieldUri = dir.resolve("field-a.fymf").toString();
      List<ShotInput> shots = List.of(new ShotInput(sources.get(0), boxes, a), new ShotInput(sources.get(1), boxes, b));
      DiffusionCorrection.trainBase(shots, trained.diffusionSettings(), null, null, 0, null)
          .save(dir.resolve("trained.fymd"));
      DiffusionCorrection.trainBase(shots, CorrectShots.configOf(config(0)).diffusionSettings(), null, null, 0, null)
          .save(dir.resolve("untrained.fymd"));
    }
    trainedUri = dir.resolve("trained.fymd").toUri().toString();
    untrainedUri = dir.resolve("untrained.fymd").toString();
    List<Row> rows = new ArrayList<>();
    for (int s = 0; s < 2; s++) {
      for (int t = 0; t < FRAMES; t++) {
        rows.add(RowFactory.create("ada", "clip-1", s * FRAMES, s * FRAMES + t,
            ImageCodec.encodePng(sources.get(s).get(t)), ImageCodec.encodePng(edits.get(s).get(t)),
            List.of(FACE.x(), FACE.y(), FACE.width(), FACE.height()), s == 0 ? fieldUri : null));
      }
    }
    frames = spark().createDataFrame(rows, SCHEMA).repartition(3);
  }

  @Test
  void everyFrameGetsACorrectedPngAndTheDenoiserIsReadOncePerJvm() {
    FymCorrector corrector = new FymCorrector().setDenoiserUri(trainedUri).setFieldUriCol("field_uri")
        .setConfig(config(3));
    assertTrue(frames.rdd().getNumPartitions() >= 2);
    List<Row> out = corrector.transform(frames).collectAsList();
    List<Row> ablated = corrector.copy(ParamMap.empty()).setControl(false)
        .transform(frames).collectAsList();
    assertEquals(2 * FRAMES, out.size());
    assertEquals(2 * FRAMES, ablated.size());
    Set<Integer> seen = new TreeSet<>();
    for (Row r : out) {
      RgbImage png = ImageCodec.decode(r.getAs("corrected"));
      assertEquals(W, png.width());
      assertEquals(H, png.height());
      assertEquals(r.<Integer>getAs("frame") / FRAMES * FRAMES, r.<Integer>getAs("shot"));
      seen.add(r.getAs("frame"));
    }
    assertEquals(FRAMES * 2, seen.size(), "each input frame once");
    assertEquals(1, FymCorrector.loads(trainedUri), "read once for every partition and task of both transforms");
  }

  @Test
  void anUntrainedDenoiserWithoutAdaptationGivesExactlyTrajectoryWarp() throws Exception {
    FymCorrector corrector = new FymCorrector().setDenoiserUri(untrainedUri).setFieldUriCol("field_uri")
        .setConfig(config(0)).setCarry(0.5).setFusion(1);
    List<Row> out = corrector.transform(frames.filter("shot = 0")).orderBy("frame").collectAsList();
    TrajectorySettings ts = CorrectShots.configOf(config(0)).trajectorySettings();
    FieldSource field = new StoredFields(ts, Map.of(0, fieldUri), new Localizer(Map.of()), dir);
    List<RgbImage> expected = Correctors.create("trajectory-warp", Map.of(), field)
        .correctShot(new InMemoryShot(sources.get(0), edits.get(0), 0));
    assertEquals(FRAMES, out.size());
    for (int t = 0; t < FRAMES; t++) {
      assertArrayEquals(expected.get(t).rgb(), ImageCodec.decode(out.get(t).getAs("corrected")).rgb(), "frame " + t);
    }
  }

  @Test
  void aMissingInputColumnFailsWithAClearMessage() {
    FymCorrector corrector = new FymCorrector().setDenoiserUri(trainedUri);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> corrector.transform(frames.drop("edited")));
    assertTrue(e.getMessage().startsWith("FymCorrector needs the input column 'edited' (binary"), e.getMessage());
    IllegalArgumentException uri = assertThrows(IllegalArgumentException.class,
        () -> corrector.setFieldUriCol("stored_field").transformSchema(SCHEMA));
    assertTrue(uri.getMessage().contains("'stored_field'"), uri.getMessage());
  }

  @Test
  void aShotWithAMissingFrameFailsNamingIt() {
    FymCorrector corrector = new FymCorrector().setDenoiserUri(untrainedUri).setConfig(config(0));
    Exception e = assertThrows(Exception.class,
        () -> corrector.transform(frames.filter("frame != 2")).collectAsList());
    assertTrue(e.getMessage().contains("shot ada/clip-1 shot 0: expected clip frame 2 next but found frame 3"),
        e.getMessage());
  }

  private static List<RgbImage> brighten(List<RgbImage> frames) {
    List<RgbImage> out = new ArrayList<>();
    for (RgbImage f : frames) {
      byte[] rgb = f.rgb().clone();
      for (int i = 0; i < rgb.length; i++) {
        rgb[i] = (byte) Math.min(255, (rgb[i] & 0xff) + 25);
      }
      out.add(new RgbImage(f.width(), f.height(), rgb));
    }
    return out;
  }

  /** Random colour blobs gliding one pixel left per frame. */
  private static List<RgbImage> gliding(long seed) {
    Random random = new Random(seed);
    double[][] blobs = new double[20][];
    for (int k = 0; k < blobs.length; k++) {
      blobs[k] = new double[] {-6 + (W + 12) * random.nextDouble(), -6 + (H + 12) * random.nextDouble(),
          2 + 2 * random.nextDouble(), 200 * random.nextDouble() - 100, 200 * random.nextDouble() - 100,
          200 * random.nextDouble() - 100};
    }
    List<RgbImage> out = new ArrayList<>();
    for (int t = 0; t < FRAMES; t++) {
      byte[] rgb = new byte[3 * W * H];
      for (int y = 0, i = 0; y < H; y++) {
        for (int x = 0; x < W; x++, i++) {
          double[] c = {128, 128, 128};
          for (double[] b : blobs) {
            double du = x + t - b[0];
            double dv = y - b[1];
            double weight = Math.exp(-(du * du + dv * dv) / (2 * b[2] * b[2]));
            for (int k = 0; k < 3; k++) {
              c[k] += weight * b[3 + k];
            }
          }
          for (int k = 0; k < 3; k++) {
            rgb[3 * i + k] = (byte) Math.max(0, Math.min(255, Math.round(c[k])));
          }
        }
      }
      out.add(new RgbImage(W, H, rgb));
    }
    return out;
  }
}
