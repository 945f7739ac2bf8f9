package ai.fym.engine.metrics;

/**
 * The metrics of one output frame, for per-frame curves. Values that need a predecessor in the same
 * shot (warp errors, motion error, luma deltas) are NaN on a shot's first frame; see
 * {@link ClipMetrics} for each definition.
 *
 * @param frame the frame index given to {@link ClipEvaluator#add}
 * @param shot 0-based shot number within the evaluated clip
 * @param warpShort masked warp MSE x1000 against the previous output frame aligned by source flow
 * @param warpLong masked warp MSE x1000 against the shot's first output frame aligned by source flow
 * @param motionError mean end-point error (px) of the output's flow t -> t-1 against the source's
 * @param landmarkError mean landmark distance output vs source over the face box size; NaN without a box
 * @param lumaDeltaSource mean luma of source t minus source t-1 (grey levels)
 * @param lumaDeltaOutput mean luma of output t minus output t-1 (grey levels)
 * @param editFidelity PSNR (dB) of {@code output - source} against the motion-compensated mean edit
 * @param psnr PSNR (dB, capped at 100) of the output against the per-frame edit
 * @param ssim SSIM (luma, 8x8 window, see {@link ClipMetrics#ssim}) of the output against the per-frame edit
 */
public record FrameMetrics(
    int frame,
    int shot,
    double warpShort,
    double warpLong,
    double motionError,
    double landmarkError,
    double lumaDeltaSource,
    double lumaDeltaOutput,
    double editFidelity,
    double psnr,
    double ssim) {}
