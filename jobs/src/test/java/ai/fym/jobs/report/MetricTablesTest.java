package ai.fym.jobs.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.fym.jobs.report.HtmlPage.Cell;
import ai.fym.jobs.report.ReportData.MethodKey;
import ai.fym.jobs.report.ReportData.Summary;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Best-value marking follows each metric's direction, skips missing values and keeps ties. */
class MetricTablesTest {
  private static final double NAN = Double.NaN;

  @Test
  void lowerErrorsAndHigherFidelityAreBest() {
    // columns: warp_short, warp_long, motion, landmark, flicker, edit_fidelity, psnr, ssim
    double[] a = {1.0, 5.0, NAN, 2.0, 0.5, 0.9, 30, 0.8};
    double[] b = {2.0, 4.0, 3.0, 2.0, 0.7, 0.7, 35, NAN};
    boolean[][] best = MetricTables.best(List.of(a, b));
    assertArrayEquals(new boolean[] {true, false, false, true, true, true, false, false}, best[0]);
    assertArrayEquals(new boolean[] {false, true, false, true, false, false, true, false}, best[1]);
  }

  @Test
  void summaryRowsCarryCountsAndMarkedMeans() {
    Summary raw = new Summary(new MethodKey("raw", "aaaa", ""), 2, 90, new double[] {8, 9, 1, 1, 1, 1, 20, 0.5});
    Summary fym = new Summary(new MethodKey("fym", "bbbb", ""), 2, 90, new double[] {2, 3, 1, 1, 1, 1, 25, 0.6});
    List<List<Cell>> rows = MetricTables.summaryRows(List.of(raw, fym));
    assertEquals(MetricTables.summaryHeadings().size(), rows.get(0).size());
    assertEquals("raw", rows.get(0).get(0).text());
    assertEquals("8.000", rows.get(0).get(4).text());
    assertEquals("num", rows.get(0).get(4).cssClass());
    assertEquals("num best", rows.get(1).get(4).cssClass());
    assertEquals("25.000", rows.get(1).get(10).text());
  }

  @Test
  void theSourceIsLabelledAsTheReferenceAndNeverMarkedBest() {
    Summary source = new Summary(new MethodKey("source", "cccc", ""), 2, 90, new double[] {1, 1, 0, 0, 0, 5, 30, 0.9});
    Summary raw = new Summary(new MethodKey("raw", "aaaa", ""), 2, 90, new double[] {8, 9, 1, 1, 1, 1, 20, 0.5});
    Summary fym = new Summary(new MethodKey("fym", "bbbb", ""), 2, 90, new double[] {2, 3, 1, 1, 1, 1, 25, 0.6});
    List<List<Cell>> rows = MetricTables.summaryRows(List.of(source, raw, fym));
    assertEquals("source (reference)", rows.get(0).get(0).text());
    assertEquals("num", rows.get(0).get(4).cssClass(), "the reference is not a method to rank");
    assertEquals("num best", rows.get(2).get(4).cssClass());
    List<List<Cell>> verdicts = MetricTables.verdictRows(List.of(
        new ReportData.Verdict(source.key(), "REFERENCE", null)));
    assertEquals(null, verdicts.get(0).get(2).cssClass());
  }

  @Test
  void fymAblationsAreNamedByTheSwitchesTheyTurnOff() {
    assertEquals("W = 1, no ControlNet",
        ReportData.variant("fym{control=0,diffusion=abc,field=def,hash=1,reweight=0,strength=0.6}"));
    assertEquals("no hash features", ReportData.variant("fym{control=1,hash=0,reweight=1}"));
    assertEquals("", ReportData.variant("fym{control=1,hash=1,reweight=1,strength=0.6}"));
  }
}
