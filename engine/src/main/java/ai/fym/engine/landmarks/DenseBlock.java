package ai.fym.engine.landmarks;

import ai.fym.engine.nn.FeatureMap;
import ai.fym.engine.nn.ConvKernel;
import ai.fym.engine.nn.SeparableConv;
import ai.fym.engine.nn.TfjsWeights;

/**
 * One dense block of face-api's feature extractor: a (usually strided) first convolution followed by
 * three separable convolutions, each fed the ReLU of the running sum of all earlier outputs in the
 * block; the block returns the ReLU of the sum of all four. The running sum and the next input are
 * written in the same pass as each convolution (fused epilogue). Immutable.
 */
final class DenseBlock {
  /** Pixels per tile in the tiled order (long enough for vector loops, small enough for L1). */
  static final int TILE_PIXELS = 128;
  /** From this many output channels on, the per-pixel order is used. */
  static final int PER_PIXEL_MIN_CHANNELS = 128;

  private final ConvKernel first;
  private final ConvKernel[] rest;

  DenseBlock(ConvKernel first, ConvKernel... rest) {
    this.first = first;
    this.rest = rest;
  }

  /** Block {@code prefix} (e.g. "dense1") whose conv0 to conv3 are all separable, conv0 strided by 2. */
  static DenseBlock separable(TfjsWeights weights, String prefix, int inChannels, int outChannels) {
    ConvKernel[] convs = separableConvs(weights, prefix, inChannels, outChannels, 0);
    return new DenseBlock(convs[0], convs[1], convs[2], convs[3]);
  }

  /** Block {@code prefix} whose conv0 is the given kernel and conv1 to conv3 are separable. */
  static DenseBlock withFirst(ConvKernel first, TfjsWeights weights, String prefix) {
    ConvKernel[] convs = separableConvs(weights, prefix, first.outChannels(), first.outChannels(), 1);
    return new DenseBlock(first, convs[1], convs[2], convs[3]);
  }

  private static ConvKernel[] separableConvs(TfjsWeights weights, String prefix, int inChannels,
      int outChannels, int from) {
    ConvKernel[] convs = new ConvKernel[4];
    for (int i = from; i < 4; i++) {
      int cin = i == 0 ? inChannels : outChannels;
      String name = prefix + "/conv" + i;
      convs[i] = new SeparableConv(
          weights.get(name + "/depthwise_filter", 3, 3, cin, 1),
          weights.get(name + "/pointwise_filter", 1, 1, cin, outChannels),
          weights.get(name + "/bias", outChannels), i == 0 ? 2 : 1);
    }
    return convs;
  }

  int outChannels() {
    return first.outChannels();
  }

  int outSize(int in) {
    return first.outSize(in);
  }

  /** Longest column of the block's convolutions. */
  int columnSize() {
    int size = first.columnSize();
    for (ConvKernel k : rest) {
      size = Math.max(size, k.columnSize());
    }
    return size;
  }

  /** Per-thread buffers of one block: two padded ping-pong inputs and the running sum. */
  static final class Buffers {
    final FeatureMap even;
    final FeatureMap odd;
    final FeatureMap sum;

    Buffers(int size, int channels) {
      even = new FeatureMap(size, size, channels, 1);
      odd = new FeatureMap(size, size, channels, 1);
      sum = new FeatureMap(size, size, channels, 0);
    }
  }

  /** Per-thread scratch shared by all blocks, sized for the largest one. */
  static final class Workspace {
    final float[] column;
    final float[][] columnsT;
    final float[][] accT;
    final float[] acc;

    Workspace(int maxColumn, int maxChannels) {
      column = new float[maxColumn];
      columnsT = new float[maxColumn][TILE_PIXELS];
      accT = new float[maxChannels][TILE_PIXELS];
      acc = new float[maxChannels];
    }
  }

  /** Runs the block on {@code in}; returns the buffer holding the block output (border 1). */
  FeatureMap run(FeatureMap in, Buffers buffers, Workspace ws) {
    first.requireFits(in);
    pass(first, in, buffers.sum, buffers.even, true, ws);
    FeatureMap current = buffers.even;
    for (ConvKernel kernel : rest) {
      kernel.requireFits(current);
      FeatureMap next = current == buffers.even ? buffers.odd : buffers.even;
      pass(kernel, current, buffers.sum, next, false, ws);
      current = next;
    }
    return current;
  }

  private static void pass(ConvKernel kernel, FeatureMap in, FeatureMap sum, FeatureMap next,
      boolean startsSum, Workspace ws) {
    if (kernel.outChannels() < PER_PIXEL_MIN_CHANNELS) {
      tiledPass(kernel, in, sum, next, startsSum, ws);
      return;
    }
    int channels = kernel.outChannels();
    float[] acc = ws.acc;
    float[] s = sum.data();
    float[] n = next.data();
    for (int oy = 0; oy < sum.height(); oy++) {
      for (int ox = 0; ox < sum.width(); ox++) {
        kernel.pixel(in, oy, ox, ws.column, acc);
        int so = sum.offset(oy, ox);
        int no = next.offset(oy, ox);
        if (startsSum) {
          for (int c = 0; c < channels; c++) {
            float v = Math.max(acc[c], 0f);
            s[so + c] = v;
            n[no + c] = v;
          }
        } else {
          for (int c = 0; c < channels; c++) {
            float v = s[so + c] + acc[c];
            s[so + c] = v;
            n[no + c] = Math.max(v, 0f);
          }
        }
      }
    }
  }

  private static void tiledPass(ConvKernel kernel, FeatureMap in, FeatureMap sum, FeatureMap next,
      boolean startsSum, Workspace ws) {
    int channels = kernel.outChannels();
    int width = sum.width();
    int total = sum.height() * width;
    float[][] accT = ws.accT;
    float[] s = sum.data();
    float[] n = next.data();
    for (int first = 0; first < total; first += TILE_PIXELS) {
      int count = Math.min(TILE_PIXELS, total - first);
      kernel.tile(in, width, first, count, ws.column, ws.columnsT, accT);
      for (int t = 0; t < count; t++) {
        int p = first + t;
        int so = sum.offset(p / width, p % width);
        int no = next.offset(p / width, p % width);
        for (int c = 0; c < channels; c++) {
          float a = accT[c][t];
          float v = startsSum ? Math.max(a, 0f) : s[so + c] + a;
          s[so + c] = v;
          n[no + c] = Math.max(v, 0f);
        }
      }
    }
  }
}
