package ai.fym.engine.metrics;

import java.util.List;

/**
 * Temporal-consistency metrics of an output clip against its source (and per-frame edit), as the
 * evaluation protocol defines them; every pair of frames is taken within one shot, never across a
 * cut. Each aggregate is the mean of the per-frame values that are defined (NaN when none is).
 *
 * @param frames frames evaluated
 * @param shots shots seen
 * @param warpShort for frame t with a predecessor in its shot: {@code 1000 x} the mean over pixels
 *     and channels of {@code ((out_t(p) - out_{t-1}(p + F(p))) / 255)^2}, F the SOURCE flow t -> t-1,
 *     over pixels passing the forward-backward check of the source flows t -> t-1 and t-1 -> t.
 *     Lower is steadier; 0 for a static clip
 * @param warpLong the same against the shot's first output frame, with the source flow t -> shot
 *     start estimated directly and its own forward-backward check: drift over the shot
 * @param motionError mean end-point error in pixels between the OUTPUT's flow t -> t-1 and the
 *     source's, over the pixels visible by the source's check: motion the output invents or loses
 * @param landmarkError mean over frames with a face box of: mean distance between the 68 landmarks
 *     detected in output_t and in source_t with that same box, divided by the box's larger side;
 *     NaN when no box or no landmark network was given
 * @param flicker mean over within-shot pairs of {@code |dL_out - dL_src|}, dL the change of mean
 *     BT.601 luma (grey levels) from t-1 to t: 0 when the output's brightness follows the source's;
 *     {@code 2A} for an added brightness alternating {@code +A, -A}
 * @param editFidelity mean per-frame PSNR (dB, capped at 100) of {@code output - source} against the
 *     motion-compensated mean of {@code edit - source} over frames t-1, t, t+1 of the shot (neighbours
 *     aligned by source flow, where visible). Higher keeps more of the edit
 * @param psnr mean per-frame PSNR (dB, each capped at 100) of the output against the per-frame edit
 * @param ssim mean per-frame SSIM of the output against the per-frame edit, on BT.601 luma with an
 *     8x8 square window at every position inside the frame (K1 0.01, K2 0.03)
 * @param perFrame the per-frame values, in frame order
 */
public record ClipMetrics(
    int frames,
    int shots,
    double warpShort,
    double warpLong,
    double motionError,
    double landmarkError,
    double flicker,
    double editFidelity,
    double psnr,
    double ssim,
    List<FrameMetrics> perFrame) {

  public ClipMetrics {
    perFrame = List.copyOf(perFrame);
  }
}
