/**
 * The evaluation report ({@code fym report}): {@link ai.fym.jobs.report.ReportWriter} turns the
 * {@code metrics}, {@code metric_frames}, {@code corrected}, {@code edits}, {@code clips} and {@code qc}
 * tables into a static HTML page with PNG charts drawn by {@link ai.fym.jobs.report.LineChart} and
 * {@link ai.fym.jobs.report.FrameStrip}; it needs no script and no network to read.
 */
package ai.fym.jobs.report;
