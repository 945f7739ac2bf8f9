package ai.fym.jobs.eval;

import static org.apache.spark.sql.functions.col;

import ai.fym.engine.config.FymConfig;
import ai.fym.engine.geom.Box;
import ai.fym.jobs.tables.DeltaStore;
import ai.fym.jobs.tables.Tables;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;

/**
 * What ingest knows of one clip that correcting it needs: the source uri, the shots (first frame and length, in
 * order) and the main face box per frame (the largest face, from the crop transform of its {@code frames} row;
 * frames without a face have none).
 *
 * @param shotStarts each shot's first clip frame
 * @param shotFrames each shot's frame count, in the same order
 */
public record ClipFacts(String sourceUri, List<Integer> shotStarts, List<Integer> shotFrames,
    Map<Integer, Box> faceBoxes) {

  /** Reads the facts of {@code clip} of {@code identity} (the clips table's identity). */
  public static ClipFacts read(DeltaStore store, FymConfig config, String identity, String clip) {
    Row c = store.read(Tables.CLIPS).where(col("identity").equalTo(identity).and(col("clip").equalTo(clip)))
        .select("uri").first();
    List<Row> shots = store.read(Tables.SHOTS)
        .where(col("identity").equalTo(identity).and(col("clip").equalTo(clip))).orderBy("shot")
        .select("start_frame", "frames").collectAsList();
    double cropScale = config.getDouble(FymConfig.INGEST_CROP_SCALE);
    Map<Integer, Box> boxes = new TreeMap<>();
    for (Row f : store.read(Tables.FRAMES).where(col("source_identity").equalTo(identity)
        .and(col("clip").equalTo(clip))).select("frame_index", "crop_transform").collectAsList()) {
      List<Float> t = f.getList(1);
      float window = t.get(3) / t.get(2);
      float side = (float) (window / cropScale);
      Box face = new Box(t.get(0) + (window - side) / 2, t.get(1) + (window - side) / 2, side, side);
      boxes.merge(f.getInt(0), face, (a, b) -> a.area() >= b.area() ? a : b);
    }
    return new ClipFacts(c.getString(0), shots.stream().map(r -> r.getInt(0)).toList(),
        shots.stream().map(r -> r.getInt(1)).toList(), boxes);
  }
}
