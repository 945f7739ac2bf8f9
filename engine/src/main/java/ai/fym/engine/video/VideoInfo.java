package ai.fym.engine.video;

/**
 * What a probe learns about a video before decoding it: container and codec names, frame size,
 * frame rate, and the declared length. Ingest stores it in the clips table and checks it against
 * {@link VideoLimits}.
 *
 * @param container demuxer name (e.g. {@code mov,mp4,m4a,3gp,3g2,mj2}, {@code avi}, {@code matroska,webm})
 *     or {@code frames} for a folder of images
 * @param codec decoder name (e.g. {@code h264}, {@code mpeg4}) or {@code png}/{@code jpeg} for a folder
 * @param fps frames per second used for timing (declared, or a documented default when the declared
 *     rate is missing or absurd)
 * @param frames declared or estimated frame count, -1 when the container does not say
 * @param durationSeconds declared duration, -1 when unknown
 */
public record VideoInfo(
    String container, String codec, int width, int height, double fps, long frames, double durationSeconds) {}
