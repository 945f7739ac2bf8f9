package ai.fym.jobs.report;

import ai.fym.engine.image.ImageCodec;
import ai.fym.engine.image.RgbImage;
import ai.fym.engine.testing.Samples;
import ai.fym.engine.testing.SyntheticVideos;
import ai.fym.engine.video.VideoWriter;
import ai.fym.jobs.tables.DeltaStore;
import ai.fym.jobs.tables.TableDef;
import ai.fym.jobs.tables.Tables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * A small, realistic evaluation corpus for report tests: real encoded videos (a source with a cut and a
 * tinted, flickering edit; corrected videos with a steady tint) and rows in every evaluation table.
 * Clip alice/talk has three methods and qc verdicts; clip bob/intro has an edit name full of markup and
 * a corrected video whose file is missing.
 */
final class ReportFixture {
  static final int ALICE_FRAMES = 24;
  static final int BOB_FRAMES = 16;
  static final int WIDTH = 192;
  static final int HEIGHT = 144;
  static final String FYM_HASH = "c0ffee0123456789";
  static final String BOB_EDIT = "stylise<v2>";

  private final SparkSession spark;
  private final DeltaStore store;
  private final Path media;
  private final Map<TableDef, List<Row>> rows = new HashMap<>();

  ReportFixture(SparkSession spark, DeltaStore store, Path media) {
    this.spark = spark;
    this.store = store;
    this.media = media;
  }

  /** Generates the videos and writes every table. */
  void write() throws IOException {
    RgbImage portrait = ImageCodec.read(Samples.graceHopper());
    String aliceSource = video("alice/talk.mp4", portrait, ALICE_FRAMES, true, Tint.NONE);
    String aliceEdit = video("edits/alice-talk-relight.mkv", portrait, ALICE_FRAMES, true, Tint.FLICKERING);
    String aliceFym = video("corrected/alice-talk-relight-fym.mp4", portrait, ALICE_FRAMES, true, Tint.STEADY);
    String aliceSmooth = video("corrected/alice-talk-relight-smooth.mp4", portrait, ALICE_FRAMES, true,
        Tint.HALF_FLICKERING);
    String bobSource = video("bob/intro.mp4", portrait, BOB_FRAMES, false, Tint.NONE);
    String bobEdit = video("edits/bob-intro-stylise.mkv", portrait, BOB_FRAMES, false, Tint.FLICKERING);
    String bobFym = video("corrected/bob-intro-fym.mp4", portrait, BOB_FRAMES, false, Tint.STEADY);
    String missing = media.resolve("corrected/gone.mp4").toUri().toString();

    clip("alice", "talk", aliceSource, ALICE_FRAMES);
    clip("bob", "intro", bobSource, BOB_FRAMES);
    edit("alice", "talk", "relight", aliceEdit, ALICE_FRAMES);
    edit("bob", "intro", BOB_EDIT, bobEdit, BOB_FRAMES);

    result("alice", "talk", "relight", "raw", "0000000000000000", aliceEdit, ALICE_FRAMES, 6.0, 5.0);
    result("alice", "talk", "relight", "fym", FYM_HASH, aliceFym, ALICE_FRAMES, 1.2, 1.0);
    result("alice", "talk", "relight", "temporal_smoothing", "5a5a5a5a5a5a5a5a", aliceSmooth, ALICE_FRAMES, 3.0, 2.5);
    result("bob", "intro", BOB_EDIT, "fym", FYM_HASH, bobFym, BOB_FRAMES, 1.6, 1.1);
    result("bob", "intro", BOB_EDIT, "temporal_smoothing", "5a5a5a5a5a5a5a5a", missing, BOB_FRAMES, 2.0, 1.5);

    verdict("alice", "talk", "relight", "fym", FYM_HASH, "PASS", null);
    verdict("alice", "talk", "relight", "raw", "0000000000000000", "REJECT", "warp_short 6.0 > 3.0");

    for (Map.Entry<TableDef, List<Row>> e : rows.entrySet()) {
      store.upsert(e.getKey(), spark.createDataFrame(e.getValue(), e.getKey().schema()));
    }
  }

  private enum Tint { NONE, STEADY, FLICKERING, HALF_FLICKERING }

  private String video(String relative, RgbImage portrait, int frames, boolean cut, Tint tint) throws IOException {
    Path out = media.resolve(relative);
    Files.createDirectories(out.getParent());
    try (VideoWriter w = VideoWriter.open(out, WIDTH, HEIGHT, SyntheticVideos.FPS)) {
      for (int t = 0; t < frames; t++) {
        RgbImage frame = SyntheticVideos.portraitFrame(portrait, t, frames, WIDTH, HEIGHT, cut);
        w.write(tinted(frame, tint, t));
      }
    }
    return out.toUri().toString();
  }

  /** A warm relight whose strength is steady, or flickers from frame to frame as per-frame edits do. */
  private static RgbImage tinted(RgbImage frame, Tint tint, int t) {
    if (tint == Tint.NONE) {
      return frame;
    }
    double wobble = (t % 2 == 0 ? 1 : -1) * (tint == Tint.FLICKERING ? 0.25 : tint == Tint.HALF_FLICKERING ? 0.12 : 0);
    double gain = 1.0 + 0.3 * (1 + wobble);
    byte[] in = frame.rgb();
    byte[] out = new byte[in.length];
    for (int i = 0; i < in.length; i += 3) {
      out[i] = (byte) Math.min(255, Math.round((in[i] & 0xff) * gain));
      out[i + 1] = (byte) Math.min(255, Math.round((in[i + 1] & 0xff) * (1 + (gain - 1) / 3)));
      out[i + 2] = (byte) Math.round((in[i + 2] & 0xff) / gain);
    }
    return new RgbImage(frame.width(), frame.height(), out);
  }

  private void clip(String identity, String clip, String uri, int frames) {
    add(Tables.CLIPS, Map.of("identity", identity, "clip", clip, "uri", uri, "fingerprint", "1:1", "fps",
        SyntheticVideos.FPS, "frames", (long) frames, "status", "INGESTED"));
  }

  private void edit(String identity, String clip, String edit, String uri, int frames) {
    add(Tables.EDITS, Map.of("identity", identity, "clip", clip, "edit", edit, "source", "synthetic", "uri", uri,
        "frames", (long) frames, "width", WIDTH, "height", HEIGHT));
  }

  /** A corrected video with its metrics and per-frame curve around {@code warpShort} (null across the cut). */
  private void result(String identity, String clip, String edit, String method, String hash, String uri,
      int frames, double warpShort, double flicker) {
    Map<String, Object> key = Map.of("identity", identity, "clip", clip, "edit", edit, "method", method,
        "config_hash", hash);
    Map<String, Object> corrected = new HashMap<>(key);
    corrected.putAll(Map.of("config", "{\"method\":\"" + method + "\"}", "uri", uri, "frames", (long) frames));
    add(Tables.CORRECTED, corrected);
    Map<String, Object> metrics = new HashMap<>(key);
    metrics.putAll(Map.of("frames", (long) frames, "warp_short", warpShort, "warp_long", 2 * warpShort,
        "flicker", flicker, "edit_fidelity", 1 / warpShort, "psnr", 30 + warpShort));
    add(Tables.METRICS, metrics);
    boolean cut = identity.equals("alice");
    for (int t = 0; t < frames; t++) {
      int shot = cut && t >= frames / 2 ? 1 : 0;
      boolean shotStart = t == 0 || (cut && t == frames / 2);
      Map<String, Object> frame = new HashMap<>(key);
      frame.putAll(Map.of("frame_index", t, "shot", shot, "luma_delta", 0.1 * warpShort));
      if (!shotStart) {
        frame.put("warp_short", warpShort * (1 + 0.3 * Math.sin(t * 0.9)));
      }
      add(Tables.METRIC_FRAMES, frame);
    }
  }

  private void verdict(String identity, String clip, String edit, String method, String hash, String verdict,
      String reasons) {
    Map<String, Object> values = new HashMap<>(Map.of("identity", identity, "clip", clip, "edit", edit, "method",
        method, "config_hash", hash, "verdict", verdict));
    values.put("reasons", reasons);
    add(Tables.QC, values);
  }

  /** A row in schema order; fields not given are null, or a neutral value where the schema forbids null. */
  private void add(TableDef table, Map<String, Object> values) {
    List<Object> cells = new ArrayList<>();
    for (StructField f : table.schema().fields()) {
      Object v = values.get(f.name());
      if (v == null && !f.nullable()) {
        v = f.dataType().equals(DataTypes.StringType) ? ""
            : f.dataType().equals(DataTypes.LongType) ? 0L
            : f.dataType().equals(DataTypes.IntegerType) ? 0
            : f.dataType().equals(DataTypes.DoubleType) ? 0.0
            : new Timestamp(System.currentTimeMillis());
      }
      cells.add(v);
    }
    rows.computeIfAbsent(table, t -> new ArrayList<>()).add(RowFactory.create(cells.toArray()));
  }
}
