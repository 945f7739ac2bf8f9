package ai.fym.engine.landmarks;

import ai.fym.engine.nn.ConvKernel;
import ai.fym.engine.nn.ConvWorkspace;
import ai.fym.engine.nn.FeatureMap;
import ai.fym.engine.nn.SeparableConv;
import ai.fym.engine.nn.TfjsWeights;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One dense block of face-api's feature extractor: a (usually strided) first convolution followed by
 * three separable convolutions, each fed the ReLU of the running sum of all earlier outputs in the
 * block; the block returns the ReLU of the sum of all four. The running sum and the next input are
 * written in the same pass as each convolution (fused epilogue). Immutable.
 */
final class DenseBlock {
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

  /** The block's convolutions, for sizing a {@link ConvWorkspace}. */
  List<ConvKernel> kernels() {
    List<ConvKernel> all = new ArrayList<>();
    all.add(first);
    all.addAll(Arrays.asList(rest));
    return all;
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

  /** Runs the block on {@code in}; returns the buffer holding the block output (border 1). */
  FeatureMap run(FeatureMap in, Buffers buffers, ConvWorkspace ws) {
    pass(first, in, buffers.sum, buffers.even, true, ws);
    FeatureMap current = buffers.even;
    for (ConvKernel kernel : rest) {
      FeatureMap next = current == buffers.even ? buffers.odd : buffers.even;
      pass(kernel, current, buffers.sum, next, false, ws);
      current = next;
    }
    return current;
  }

  /**
   * One convolution with the fused epilogue: the first starts the running sum with its ReLU output,
   * the others add to it; either way the next input is the ReLU of the sum.
   */
  private static void pass(ConvKernel kernel, FeatureMap in, FeatureMap sum, FeatureMap next,
      boolean startsSum, ConvWorkspace ws) {
    int channels = kernel.outChannels();
    float[] s = sum.data();
    float[] n = next.data();
    kernel.run(in, ws, (oy, ox, acc) -> {
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
    });
  }
}
