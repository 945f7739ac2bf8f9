package ai.fym.jobs.avatar;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.desc;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.fym.engine.avatar.AvatarEvaluation;
import ai.fym.engine.avatar.AvatarFile;
import ai.fym.engine.avatar.AvatarFrame;
import ai.fym.engine.avatar.AvatarModel;
import ai.fym.engine.avatar.AvatarSettings;
import ai.fym.engine.avatar.Reenactment;
import ai.fym.engine.config.FymConfig;
import ai.fym.engine.errors.Errors;
import ai.fym.engine.image.RgbImage;
import ai.fym.engine.splat.TileRasterizer;
import ai.fym.engine.video.VideoWriter;
import ai.fym.jobs.spark.Sessions;
import ai.fym.jobs.tables.DeltaStore;
import ai.fym.jobs.tables.Tables;
import ai.fym.udfs.avatar.AvatarSchemas;
import ai.fym.udfs.io.ArtifactStore;
import ai.fym.udfs.io.Localizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code bin/fym reenact}: renders a stored avatar driven by another clip's landmarks and writes an mp4 with the
 * driver's face crop on the left and the avatar on the right, under {@code <out>/reenact/}. It runs on the
 * driver JVM: one clip is one short sequential job.
 */
public final class Reenactor {
  private final SparkSession spark;
  private final FymConfig config;
  private final DeltaStore store;
  private final String outRoot;

  public Reenactor(SparkSession spark, FymConfig config, DeltaStore store, String outRoot) {
    this.spark = spark;
    this.config = config;
    this.store = store;
    this.outRoot = outRoot;
  }

  /** What was written: the video's uri and its frame count. */
  public record Output(String uri, int frames) {}

  /**
   * Drives {@code identity}'s avatar with clip {@code clip}'s face frames of person {@code driver} (null: the
   * person with most frames in that clip).
   */
  public Output run(String identity, String clip, String driver) throws Exception {
    List<Row> avatars = store.read(Tables.AVATARS).where(col("identity").equalTo(identity))
        .orderBy(desc("updated_at")).select("uri", "resolution").collectAsList();
    if (avatars.isEmpty()) {
      throw Errors.noAvatar(identity, outRoot);
    }
    int resolution = avatars.get(0).getInt(1);
    String person = driver != null ? driver : mainPerson(clip);
    List<Row> rows = store.read(Tables.FRAMES).where(col("clip").equalTo(clip).and(col("identity").equalTo(person)))
        .orderBy("frame_index").select("clip", "frame_index", "shot", "crop_png", "landmarks")
        .collectAsList();
    if (rows.size() < 2) {
      throw Errors.tooFewAvatarFrames(rows.size());
    }
    List<AvatarFrame> frames = new ArrayList<>();
    for (Row r : rows) {
      frames.add(AvatarSchemas.frame(r, resolution));
    }
    double fps = store.read(Tables.CLIPS).where(col("clip").equalTo(clip)).select("fps").first().getDouble(0);
    Map<String, String> hadoop = Sessions.hadoopSettings(spark);
    Path tmp = Files.createTempDirectory("fym-reenact");
    try (Localizer.Local local = new Localizer(hadoop).localize(avatars.get(0).getString(0), tmp);
        NDManager manager = NDManager.newBaseManager(Device.cpu());
        TileRasterizer rasterizer = new TileRasterizer(Runtime.getRuntime().availableProcessors())) {
      AvatarModel avatar = AvatarFile.read(local.path()).model();
      AvatarSettings settings = config.avatarSettings();
      List<float[]> renders = Reenactment.render(avatar, frames, settings, rasterizer, manager);
      Path video = tmp.resolve("reenact.mp4");
      try (VideoWriter writer = VideoWriter.open(video, 2 * resolution, resolution, fps)) {
        for (int i = 0; i < renders.size(); i++) {
          writer.write(sideBySide(frames.get(i).image(), renders.get(i), resolution));
        }
      }
      String name = "reenact/" + identity + "/" + clip + "-" + person.replace('/', '_') + ".mp4";
      return new Output(new ArtifactStore(outRoot, hadoop).put(video, name), renders.size());
    } finally {
      try (var files = Files.walk(tmp)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** The person with most face frames in {@code clip}. */
  private String mainPerson(String clip) {
    List<Row> people = store.read(Tables.FRAMES).where(col("clip").equalTo(clip)).groupBy("identity").count()
        .orderBy(desc("count"), col("identity")).collectAsList();
    if (people.isEmpty()) {
      throw new IllegalArgumentException("clip '" + clip + "' has no face frames; ingest it first");
    }
    return people.get(0).getString(0);
  }

  private static RgbImage sideBySide(float[] left, float[] right, int size) {
    RgbImage a = AvatarEvaluation.toImage(left, size);
    RgbImage b = AvatarEvaluation.toImage(right, size);
    byte[] out = new byte[2 * size * size * 3];
    for (int y = 0; y < size; y++) {
      System.arraycopy(a.rgb(), y * size * 3, out, y * 2 * size * 3, size * 3);
      System.arraycopy(b.rgb(), y * size * 3, out, (y * 2 * size + size) * 3, size * 3);
    }
    return new RgbImage(2 * size, size, out);
  }
}
