package ai.fym.jobs.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fym.engine.config.FymConfig;
import ai.fym.engine.edit.Editors;
import ai.fym.engine.testing.Samples;
import ai.fym.engine.video.VideoLimits;
import ai.fym.engine.video.VideoReader;
import ai.fym.engine.video.VideoWriter;
import ai.fym.jobs.ingest.IngestJob;
import ai.fym.jobs.report.ReportWriter;
import ai.fym.jobs.tables.DeltaStore;
import ai.fym.jobs.tables.Tables;
import ai.fym.udfs.testing.SparkTestBase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a 60-frame excerpt of the real sample clip (stored losslessly), every built-in edit is corrected
 * by the three reference methods: the raw per-frame edit has the highest short warp error, and the
 * report shows every method's row.
 */
class SampleClipEvaluationTest extends SparkTestBase {
  @Test
  void perFrameIsTheLeastConsistentForEveryBuiltInEdit(@TempDir Path dir) throws Exception {
    Path excerpt = Files.createDirectories(dir.resolve("corpus/megamind")).resolve("excerpt.mkv");
    try (VideoReader r = VideoReader.open(Samples.megamind(), VideoLimits.defaults());
         VideoWriter w = VideoWriter.openLossless(excerpt, r.info().width(), r.info().height(), r.info().fps())) {
      for (int i = 0; i < 60; i++) {
        w.write(r.next());
      }
    }
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
    String out = dir.resolve("out").toString();
    DeltaStore store = new DeltaStore(spark(), out);
    FymConfig config = FymConfig.defaults();
    new IngestJob(spark(), config, store, quiet).run(dir.resolve("corpus").toString());
    for (String edit : Editors.builtinNames()) {
      new EditJob(spark(), config, store, out, quiet).run(edit, Selection.ALL, null);
    }
    EvaluateJob evaluate = new EvaluateJob(spark(), config, store, out, quiet);
    int[] r = evaluate.run(Selection.ALL, evaluate.defaults(List.of("per-frame", "smooth", "propagate")));
    assertEquals(9, r[0]);
    for (String edit : Editors.builtinNames()) {
      Map<String, Double> warp = store.read(Tables.METRICS).where("edit = '" + edit + "'").collectAsList().stream()
          .collect(Collectors.toMap(m -> m.getAs("method"), m -> m.<Double>getAs("warp_short")));
      assertTrue(warp.get("per-frame") > warp.get("smooth") && warp.get("per-frame") > warp.get("propagate"),
          edit + ": " + warp);
    }
    String html = Files.readString(new ReportWriter(spark(), store, out).write());
    for (String edit : Editors.builtinNames()) {
      assertTrue(html.contains("excerpt — " + edit), "a section per clip and edit: " + edit);
    }
    assertTrue(html.contains("per-frame") && html.contains("smooth") && html.contains("propagate"));
  }
}
