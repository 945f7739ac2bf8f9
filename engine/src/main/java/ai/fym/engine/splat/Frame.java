package ai.fym.engine.splat;

/**
 * The state of one frame in the Java rasterizer: the splats' values, their bins, and the per-pixel buffers the
 * forward pass writes and the backward pass reads (final transmittance, last contributing list position). The
 * buffers are reused while the image size and channel count stay the same.
 */
final class Frame {
  SplatArrays splats;
  TileBins bins;
  float[] background;
  int width;
  int height;
  float[] image = new float[0];
  float[] alpha = new float[0];
  double[] finalTransmittance = new double[0];
  int[] lastContributor = new int[0];

  void prepare(SplatArrays splats, TileBins bins, float[] background, int width, int height) {
    this.splats = splats;
    this.bins = bins;
    this.background = background.clone();
    this.width = width;
    this.height = height;
    int pixels = width * height;
    if (image.length != pixels * splats.channels()) {
      image = new float[pixels * splats.channels()];
    }
    if (alpha.length != pixels) {
      alpha = new float[pixels];
      finalTransmittance = new double[pixels];
      lastContributor = new int[pixels];
    }
  }
}
