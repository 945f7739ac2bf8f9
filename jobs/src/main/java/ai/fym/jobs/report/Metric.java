package ai.fym.jobs.report;

/**
 * The columns of the {@code metrics} table the report shows, with their titles and which direction is
 * better: errors and flicker are better low, fidelity, PSNR and SSIM high.
 */
public enum Metric {
  WARP_SHORT("warp_short", "warp error short", false),
  WARP_LONG("warp_long", "warp error long", false),
  MOTION_ERROR("motion_error", "motion error", false),
  LANDMARK_ERROR("landmark_error", "landmark error", false),
  FLICKER("flicker", "flicker", false),
  EDIT_FIDELITY("edit_fidelity", "edit fidelity", true),
  PSNR("psnr", "PSNR", true),
  SSIM("ssim", "SSIM", true);

  private final String column;
  private final String title;
  private final boolean higherIsBetter;

  Metric(String column, String title, boolean higherIsBetter) {
    this.column = column;
    this.title = title;
    this.higherIsBetter = higherIsBetter;
  }

  /** The column name in {@code metrics}. */
  public String column() {
    return column;
  }

  /** A heading for people, with the better direction as an arrow. */
  public String heading() {
    return title + (higherIsBetter ? " \u2191" : " \u2193");
  }

  /** Whether {@code a} is better than {@code b}; NaN is never better. */
  public boolean better(double a, double b) {
    if (Double.isNaN(a)) {
      return false;
    }
    return Double.isNaN(b) || (higherIsBetter ? a > b : a < b);
  }
}
