package ai.fym.udfs.avatar;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.fym.engine.avatar.AvatarData;
import ai.fym.engine.avatar.AvatarEvaluation;
import ai.fym.engine.avatar.AvatarFile;
import ai.fym.engine.avatar.AvatarFrame;
import ai.fym.engine.avatar.AvatarSettings;
import ai.fym.engine.avatar.AvatarTrainer;
import ai.fym.engine.avatar.CorrespondenceFile;
import ai.fym.engine.avatar.Correspondences;
import ai.fym.engine.errors.Errors;
import ai.fym.engine.errors.FymException;
import ai.fym.engine.image.ImageCodec;
import ai.fym.engine.landmarks.Landmarks68;
import ai.fym.engine.splat.SplatRasterizer;
import ai.fym.engine.splat.TileRasterizer;
import ai.fym.engine.track.CropTransform;
import ai.fym.udfs.ingest.IngestRows;
import ai.fym.udfs.io.ArtifactStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.LongAccumulator;

/**
 * The executor side of {@code fym avatars}: for each identity item, trains the avatar on the identity's face
 * crops (resuming from a checkpoint when one is there), stores it under {@code <out>/avatars/...}, renders every
 * frame from its landmarks, writes each shot's correspondence maps, and returns the {@code avatars} row and the
 * {@code renders} rows. The checkpoint lies under the output root for a local root (a retried task or the next
 * run resumes from it), else in the executor's temporary folder; it is deleted once the avatar is stored. A
 * failure becomes a quarantine row (stage {@code avatars}) and the partition goes on.
 */
public final class AvatarPartitionFunction implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;
  public static final String STAGE = "avatars";

  private final ArtifactStore artifacts;
  private final AvatarSettings settings;
  private final LongAccumulator framesTrained;

  /** Trains under {@code settings} (its thread count is per task). */
  public AvatarPartitionFunction(ArtifactStore artifacts, AvatarSettings settings, LongAccumulator framesTrained) {
    this.artifacts = artifacts;
    this.settings = settings;
    this.framesTrained = framesTrained;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> items) throws Exception {
    List<Row> out = new ArrayList<>();
    Path tmp = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "fym-avatars"));
    while (items.hasNext()) {
      Row item = items.next();
      String identity = item.getString(0);
      String fingerprint = item.getString(1);
      try {
        out.addAll(train(identity, fingerprint, item.getList(2), tmp));
      } catch (Exception e) {
        FymException f = Errors.wrap("identity " + identity, e);
        out.add(RowFactory.create("quarantine", null, null, IngestRows.quarantine("identity " + identity,
            identity, null, STAGE, f, fingerprint, new Timestamp(System.currentTimeMillis()))));
      }
    }
    return out.iterator();
  }

  /** The artifact folder of an identity's avatar under the output root. */
  public static String artifactBase(String identity, String settingsHash) {
    return "avatars/" + identity + "/" + settingsHash;
  }

  private List<Row> train(String identity, String fingerprint, List<Row> frameRows, Path tmp) throws Exception {
    long start = System.nanoTime();
    List<AvatarFrame> frames = new ArrayList<>(frameRows.size());
    for (Row f : frameRows) {
      frames.add(AvatarFrame.fromCrop(f.getString(0), f.getInt(2), f.getInt(1), ImageCodec.decode(
          (byte[]) f.get(3)), CropTransform.fromArray(floats(f.getList(4))), new Landmarks68(floats(f.getList(5))),
          settings.resolution()));
    }
    AvatarData data = AvatarData.of(frames, settings);
    String base = artifactBase(identity, settings.hash());
    String checkpointName = base + "/" + fingerprint.substring(0, Math.min(12, fingerprint.length())) + ".ckpt";
    Path local = artifacts.localPath(checkpointName);
    Path checkpoint = local != null ? local : tmp.resolve(checkpointName);
    AvatarTrainer.Result r = AvatarTrainer.train(data, settings, checkpoint, Device.cpu(), TileRasterizer::new);
    Path file = Files.createTempFile(tmp, "avatar-", ".fyma");
    String uri;
    try {
      AvatarFile.write(file, r.model(), settings.hash());
      uri = artifacts.put(file, base + "/avatar.fyma");
    } finally {
      Files.deleteIfExists(file);
    }
    List<Row> rows = renders(identity, data, r, base, tmp);
    Files.deleteIfExists(checkpoint);
    framesTrained.add(frames.size());
    rows.add(0, RowFactory.create("avatar", RowFactory.create(identity, fingerprint, settings.hash(),
        settings.canonical(), uri, settings.resolution(), r.model().gaussianCount(), frames.size(),
        data.heldOut().length, r.steps(), r.resumedFrom(), (System.nanoTime() - start) / 1e9,
        number(r.heldOut().psnr()), number(r.heldOut().ssim()), new Timestamp(System.currentTimeMillis())),
        null, null));
    return rows;
  }

  /** Every frame rendered and scored, and each shot's correspondence file. */
  private List<Row> renders(String identity, AvatarData data, AvatarTrainer.Result r, String base, Path tmp)
      throws Exception {
    Map<String, List<Integer>> shots = new LinkedHashMap<>();
    for (int i = 0; i < data.frames().size(); i++) {
      AvatarFrame f = data.frames().get(i);
      shots.computeIfAbsent(f.clip() + "/" + f.shot(), k -> new ArrayList<>()).add(i);
    }
    boolean[] heldOut = new boolean[data.frames().size()];
    Arrays.stream(data.heldOut()).forEach(i -> heldOut[i] = true);
    List<Row> rows = new ArrayList<>();
    int size = settings.resolution();
    try (NDManager manager = NDManager.newBaseManager(Device.cpu());
        SplatRasterizer rasterizer = new TileRasterizer(settings.threads())) {
      for (List<Integer> shot : shots.values()) {
        AvatarFrame first = data.frames().get(shot.get(0));
        int[] indices = shot.stream().mapToInt(i -> data.frames().get(i).frameIndex()).toArray();
        List<float[]> maps = new ArrayList<>();
        for (int i : shot) {
          maps.add(Correspondences.map(r.model(), data.codes()[i], data.codes()[shot.get(0)], rasterizer, manager));
        }
        Path file = Files.createTempFile(tmp, "correspondences-", ".corr");
        String uri;
        try {
          CorrespondenceFile.write(file, new CorrespondenceFile.Maps(size, indices, maps));
          uri = artifacts.put(file, base + "/correspondences/" + first.clip() + "-shot-" + first.shot() + ".corr");
        } finally {
          Files.deleteIfExists(file);
        }
        for (int i : shot) {
          AvatarFrame f = data.frames().get(i);
          AvatarEvaluation.Rendered render = AvatarEvaluation.render(r.model(), data, i, rasterizer, manager);
          rows.add(RowFactory.create("render", null, RowFactory.create(identity, f.clip(), f.shot(), f.frameIndex(),
              heldOut[i], settings.hash(), ImageCodec.encodePng(AvatarEvaluation.toImage(render.image(), size)),
              render.psnr(), render.ssim(), uri), null));
        }
      }
    }
    return rows;
  }

  private static float[] floats(List<Float> values) {
    float[] out = new float[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i);
    }
    return out;
  }

  private static Double number(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
