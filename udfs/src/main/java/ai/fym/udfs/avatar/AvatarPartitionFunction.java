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
import ai.fym.engine.splat.Rasterizers;
import ai.fym.engine.splat.SplatRasterizer;
import ai.fym.udfs.device.Devices;
import ai.fym.udfs.faults.FaultInjector;
import ai.fym.udfs.ingest.IngestRows;
import ai.fym.udfs.io.ArtifactStore;
import ai.fym.udfs.ledger.StageRun;
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
 * run resumes from it), else in the executor's temporary folder; it is deleted once the avatar is stored. Every
 * identity also gets its {@code stage_runs} ledger row. A failure becomes a quarantine row (stage
 * {@code avatars}) and the partition goes on.
 */
public final class AvatarPartitionFunction implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;
  public static final String STAGE = "avatars";

  private final ArtifactStore artifacts;
  private final AvatarSettings settings;
  private final LongAccumulator framesTrained;
  private final FaultInjector faults;

  /** Trains under {@code settings} (its thread count is per task); {@code faults} is for soak runs and tests. */
  public AvatarPartitionFunction(ArtifactStore artifacts, AvatarSettings settings, LongAccumulator framesTrained,
      FaultInjector faults) {
    this.artifacts = artifacts;
    this.settings = settings;
    this.framesTrained = framesTrained;
    this.faults = faults;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> items) throws Exception {
    List<Row> out = new ArrayList<>();
    Path tmp = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "fym-avatars"));
    while (items.hasNext()) {
      Row item = items.next();
      String identity = item.getString(0);
      String fingerprint = item.getString(1);
      long started = System.currentTimeMillis();
      String ledgerFingerprint = fingerprint + " " + settings.hash();
      try {
        List<Row> rows = new ArrayList<>();
        ArtifactStore.Artifact avatar = train(identity, fingerprint, item.getList(2), tmp, rows,
            faults.forItem(STAGE, identity));
        out.addAll(rows);
        out.add(RowFactory.create("run", null, null, null,
            StageRun.succeeded(STAGE, identity, identity, ledgerFingerprint, started, avatar)));
      } catch (Exception e) {
        FymException f = Errors.wrap("identity " + identity, e);
        out.add(RowFactory.create("quarantine", null, null, IngestRows.quarantine("identity " + identity,
            identity, null, STAGE, f, fingerprint, new Timestamp(System.currentTimeMillis())), null));
        out.add(RowFactory.create("run", null, null, null,
            StageRun.failed(STAGE, identity, identity, ledgerFingerprint, started, f)));
      }
    }
    return out.iterator();
  }

  /** The artifact folder of an identity's avatar under the output root. */
  public static String artifactBase(String identity, String settingsHash) {
    return "avatars/" + identity + "/" + settingsHash;
  }

  /** Trains, stores and renders one identity's avatar into {@code rows}; returns the stored avatar. */
  private ArtifactStore.Artifact train(String identity, String fingerprint, List<Row> frameRows, Path tmp,
      List<Row> rows, FaultInjector.Fault fault) throws Exception {
    long start = System.nanoTime();
    fault.reached(0);
    List<AvatarFrame> frames = new ArrayList<>(frameRows.size());
    for (Row f : frameRows) {
      frames.add(AvatarSchemas.frame(f, settings.resolution()));
    }
    AvatarData data = AvatarData.of(frames, settings);
    String base = artifactBase(identity, settings.hash());
    String checkpointName = base + "/" + fingerprint.substring(0, Math.min(12, fingerprint.length())) + ".ckpt";
    Path local = artifacts.localPath(checkpointName);
    Path checkpoint = local != null ? local : tmp.resolve(checkpointName);
    Device device = Devices.forTask();
    AvatarTrainer.Result r = AvatarTrainer.train(data, settings, checkpoint, device,
        threads -> Rasterizers.forDevice(device, threads),
        (step, model, rasterizer, manager) -> fault.reached(step / (settings.steps() + 1.0)));
    Path file = Files.createTempFile(tmp, "avatar-", ".fyma");
    ArtifactStore.Artifact stored;
    try {
      AvatarFile.write(file, r.model(), settings.hash());
      stored = artifacts.store(file, base + "/avatar.fyma");
    } finally {
      Files.deleteIfExists(file);
    }
    AvatarEvaluation.Consistency consistency;
    try (NDManager manager = NDManager.newBaseManager(device);
        SplatRasterizer rasterizer = Rasterizers.forDevice(device, settings.threads())) {
      consistency = AvatarEvaluation.consistency(r.model(), data, rasterizer, manager);
    }
    rows.add(RowFactory.create("avatar", RowFactory.create(identity, fingerprint, settings.hash(),
        settings.canonical(), stored.uri(), settings.resolution(), r.model().gaussianCount(), frames.size(),
        data.heldOut().length, r.steps(), r.resumedFrom(), (System.nanoTime() - start) / 1e9,
        number(r.heldOut().psnr()), number(r.heldOut().ssim()), number(consistency.renderWarpShort()),
        number(consistency.sourceWarpShort()), new Timestamp(System.currentTimeMillis())), null, null, null));
    rows.addAll(renders(identity, data, r, base, tmp, device));
    Files.deleteIfExists(checkpoint);
    fault.reached(1);
    framesTrained.add(frames.size());
    return stored;
  }

  /** Every frame rendered and scored, and each shot's correspondence file. */
  private List<Row> renders(String identity, AvatarData data, AvatarTrainer.Result r, String base, Path tmp,
      Device device) throws Exception {
    Map<String, List<Integer>> shots = new LinkedHashMap<>();
    for (int i = 0; i < data.frames().size(); i++) {
      AvatarFrame f = data.frames().get(i);
      shots.computeIfAbsent(f.clip() + "/" + f.shot(), k -> new ArrayList<>()).add(i);
    }
    boolean[] heldOut = new boolean[data.frames().size()];
    Arrays.stream(data.heldOut()).forEach(i -> heldOut[i] = true);
    List<Row> rows = new ArrayList<>();
    int size = settings.resolution();
    try (NDManager manager = NDManager.newBaseManager(device);
        SplatRasterizer rasterizer = Rasterizers.forDevice(device, settings.threads())) {
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
              render.psnr(), render.ssim(), uri), null, null));
        }
      }
    }
    return rows;
  }

  private static Double number(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
