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
  /** A neighbouring frame of the same shot and how the centre frame maps onto it. */
  record Neighbour(RgbImage source, RgbImage edited, Flow centreToNeighbour, boolean[] visible) {}

  private EditFidelity() {}

  /** The score in dB at the centre frame, given up to two neighbours (t-1, t+1). */
  static double psnr(RgbImage source, RgbImage output, RgbImage edited, List<Neighbour> neighbours) {
    int w = source.width();
    int h = source.height();
    byte[] src = source.rgb();
    byte[] out = output.rgb();
    byte[] ed = edited.rgb();
    double sum = 0;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int i = y * w + x;
        for (int c = 0; c < 3; c++) {
          int k = 3 * i + c;
          float meanEdit = (ed[k] & 0xff) - (src[k] & 0xff);
          int count = 1;
          for (Neighbour n : neighbours) {
            if (n.visible()[i]) {
              float[] f = n.centreToNeighbour().xy();
              float sx = x + f[2 * i];
              float sy = y + f[2 * i + 1];
              meanEdit += PixelErrors.sample(n.edited().rgb(), w, h, sx, sy, c)
                  - PixelErrors.sample(n.source().rgb(), w, h, sx, sy, c);
              count++;
            }
          }
          double d = (out[k] & 0xff) - (src[k] & 0xff) - meanEdit / count;
          sum += d * d;
        }
      }
    }
    return PixelErrors.psnrOfMse(sum / (3.0 * w * h));
  }
}
