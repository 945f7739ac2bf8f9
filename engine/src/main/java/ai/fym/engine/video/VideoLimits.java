package ai.fym.engine.video;

/**
 * Upper bounds an input video must respect before the pipeline spends time on it. {@link VideoReader}
 * checks them on the probe (file size, frame size, declared length) and again while decoding (frame
 * count), so a huge or lying file is rejected early with {@code OVER_LIMITS}. The configuration class
 * builds it from the keys named by the {@code KEY_*} constants, which error messages quote.
 */
public record VideoLimits(
    int maxWidth, int maxHeight, long maxFrames, double maxDurationSeconds, long maxFileBytes) implements java.io.Serializable {

  public static final String KEY_MAX_WIDTH = "fym.ingest.maxWidth";
  public static final String KEY_MAX_HEIGHT = "fym.ingest.maxHeight";
  public static final String KEY_MAX_FRAMES = "fym.ingest.maxFrames";
  public static final String KEY_MAX_DURATION_SECONDS = "fym.ingest.maxDurationSeconds";
  public static final String KEY_MAX_FILE_BYTES = "fym.ingest.maxFileBytes";

  public VideoLimits {
    if (maxWidth <= 0 || maxHeight <= 0 || maxFrames <= 0 || !(maxDurationSeconds > 0) || maxFileBytes <= 0) {
      throw new IllegalArgumentException("video limits must be positive: " + maxWidth + "x" + maxHeight
          + ", " + maxFrames + " frames, " + maxDurationSeconds + " s, " + maxFileBytes + " bytes");
    }
  }

  /** 4K UHD frames, 100,000 frames, one hour, 8 GiB. */
  public static VideoLimits defaults() {
    return new VideoLimits(3840, 2160, 100_000, 3600, 8L << 30);
  }
}
