package ai.fym.engine.ingest;

import ai.fym.engine.video.VideoLimits;

/**
 * Everything the per-clip ingest needs to know, built from {@code FymConfig.ingestSettings()}.
 *
 * @param limits input limits, checked before decoding everything
 * @param frameFolderFps frame rate assumed for folders of PNG/JPEG frames
 * @param cropSize side of the stored square face crop, pixels
 * @param cropScale crop side as a multiple of the face box
 * @param minFaceScore detector score threshold
 * @param trackMinIou minimum overlap to continue a face track
 * @param trackMaxGap missed frames bridged (and interpolated) inside a track
 * @param trackMinFrames shorter tracks are dropped as spurious
 * @param mergeDistance embedding distance under which tracks are the same person
 * @param embedFramesPerTrack frames per track whose embeddings are averaged
 * @param threads worker threads for landmarks and crops within one clip
 * @param timeoutSeconds wall-clock limit for one clip
 */
public record IngestSettings(VideoLimits limits, double frameFolderFps, int cropSize, float cropScale,
    float minFaceScore, float trackMinIou, int trackMaxGap, int trackMinFrames, float mergeDistance,
    int embedFramesPerTrack, int threads, long timeoutSeconds) implements java.io.Serializable {}
