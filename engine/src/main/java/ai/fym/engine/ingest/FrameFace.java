package ai.fym.engine.ingest;

/**
 * One face of one frame: the square crop (PNG, {@code cropSize} pixels) and the transform that maps
 * frame pixels to crop pixels ({@code CropTransform.toArray()}), the 68 landmarks in CROP pixel
 * coordinates (x0, y0, x1, y1, ...), and the detector's score ({@code interpolated} when the tracker
 * bridged a missed detection).
 */
public record FrameFace(int track, int shot, int frameIndex, double timestamp, byte[] cropPng,
    float[] cropTransform, float[] landmarks, float score, String detector, boolean interpolated) {}
