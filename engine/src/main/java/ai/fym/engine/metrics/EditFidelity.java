package ai.fym.engine.metrics;

import ai.fym.engine.image.RgbImage;
import ai.fym.engine.motion.Flow;
import java.util.List;

/**
 * How much of the edit an output keeps at one frame. The edit's residual {@code e = edit - source}
 * is averaged over the frame and its same-shot neighbours, each aligned onto the frame by the
 * source's flow and used only where visible (forward-backward check): this motion-compensated
 * temporal mean keeps what the edit does consistently and averages out its per-frame jitter. The
 * score is the PSNR (dB, capped) of the output's residual {@code output - source} against that mean.
 * An output that drops the edit scores the PSNR of the edit's own magnitude (low for a visible
 * edit); the raw per-frame edit scores high but not infinite, as its jitter remains.
 */
final class EditFidelity {
  /**
   * A neighbouring frame of the same shot and how the centre frame maps onto it.
   *
   * @param editResidual the neighbour's {@link #residual} of edit against source
   */
  record Neighbour(float[] editResidual, Flow centreToNeighbour, boolean[] visible) {}

  private EditFidelity() {}

  /** {@code edited - source} per pixel and channel, interleaved like the images. */
  static float[] residual(RgbImage edited, RgbImage source) {
    byte[] e = edited.rgb();
    byte[] s = source.rgb();
    float[] r = new float[e.length];
    for (int i = 0; i < r.length; i++) {
      r[i] = (e[i] & 0xff) - (s[i] & 0xff);
    }
    return r;
  }

  /**
   * The score in dB at the centre frame, given its own edit residual and up to two neighbours
   * (t-1, t+1).
   */
  static double psnr(RgbImage source, RgbImage output, float[] editResidual, List<Neighbour> neighbours) {
    int w = source.width();
    int h = source.height();
    byte[] src = source.rgb();
    byte[] out = output.rgb();
    Neighbour[] near = neighbours.toArray(new Neighbour[0]);
    Bilinear tap = new Bilinear(w, h);
    float[] meanEdit = new float[3];
    double sum = 0;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int i = y * w + x;
        meanEdit[0] = editResidual[3 * i];
        meanEdit[1] = editResidual[3 * i + 1];
        meanEdit[2] = editResidual[3 * i + 2];
        int count = 1;
        for (Neighbour n : near) {
          if (n.visible()[i]) {
            float[] f = n.centreToNeighbour().xy();
            tap.at(x + f[2 * i], y + f[2 * i + 1]);
            for (int c = 0; c < 3; c++) {
              meanEdit[c] += tap.value(n.editResidual(), c);
            }
            count++;
          }
        }
        for (int c = 0; c < 3; c++) {
          double d = (out[3 * i + c] & 0xff) - (src[3 * i + c] & 0xff) - meanEdit[c] / count;
          sum += d * d;
        }
      }
    }
    return PixelErrors.psnrOfMse(sum / (3.0 * w * h));
  }
}
