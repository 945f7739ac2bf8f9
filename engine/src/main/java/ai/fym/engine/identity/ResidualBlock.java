package ai.fym.engine.identity;

import ai.fym.engine.nn.Conv2d;
import ai.fym.engine.nn.ConvKernel;
import ai.fym.engine.nn.ConvWorkspace;
import ai.fym.engine.nn.FeatureMap;
import ai.fym.engine.nn.Padding;
import ai.fym.engine.nn.Pooling;
import ai.fym.engine.nn.TfjsWeights;
import java.util.List;

/**
 * One residual block of the recognition ResNet: {@code relu(shortcut + conv2(relu(conv1(x))))}.
 * A plain block keeps size and channels (3x3 SAME convolutions, identity shortcut). A down block
 * halves the size: conv1 is 3x3 stride 2 VALID and the shortcut is a 2x2 average pool whose extra
 * channels are zero; when the pool is one pixel larger than the convolution (odd sizes), the
 * convolution output is treated as zero-padded at the bottom and right, as in face-api. Immutable.
 */
final class ResidualBlock {
  private final Conv2d conv1;
  private final Conv2d conv2;
  private final boolean down;
  private final int inChannels;

  ResidualBlock(TfjsWeights weights, String prefix, int inChannels, int outChannels, boolean down) {
    this.conv1 = ScaledConvs.load(weights, prefix + "/conv1", 3, inChannels, outChannels, down ? 2 : 1,
        down ? Padding.VALID : Padding.SAME);
    this.conv2 = ScaledConvs.load(weights, prefix + "/conv2", 3, outChannels, outChannels, 1, Padding.SAME);
    this.down = down;
    this.inChannels = inChannels;
  }

  /** The block's convolutions, for sizing a {@link ConvWorkspace}. */
  List<ConvKernel> kernels() {
    return List.of(conv1, conv2);
  }

  int outChannels() {
    return conv2.outChannels();
  }

  int outSize(int in) {
    return down ? Pooling.outSize(in, 2, 2) : in;
  }

  /** Per-thread maps of one block for an input of side {@code inSize}. */
  final class Buffers {
    final FeatureMap hidden;
    final FeatureMap residual;
    final FeatureMap shortcut;
    final FeatureMap out;

    Buffers(int inSize) {
      int convSize = conv1.outSize(inSize);
      if (convSize > outSize(inSize)) {
        throw new IllegalArgumentException("input side " + inSize + " is too small for this block");
      }
      hidden = new FeatureMap(convSize, convSize, outChannels(), 1);
      residual = new FeatureMap(convSize, convSize, outChannels(), 0);
      shortcut = down ? new FeatureMap(outSize(inSize), outSize(inSize), inChannels, 0) : null;
      out = down ? new FeatureMap(outSize(inSize), outSize(inSize), outChannels(), 1) : null;
    }
  }

  Buffers newBuffers(int inSize) {
    return new Buffers(inSize);
  }

  /** Runs the block; a plain block updates {@code x} in place and returns it. */
  FeatureMap run(FeatureMap x, Buffers b, ConvWorkspace ws) {
    conv1.apply(x, b.hidden, true, ws);
    conv2.apply(b.hidden, b.residual, false, ws);
    FeatureMap out = down ? b.out : x;
    if (down) {
      Pooling.average(x, 2, 2, b.shortcut);
    }
    FeatureMap shortcut = down ? b.shortcut : x;
    int channels = outChannels();
    int shortcutChannels = shortcut.channels();
    float[] s = shortcut.data();
    float[] r = b.residual.data();
    float[] o = out.data();
    for (int y = 0; y < out.height(); y++) {
      for (int xx = 0; xx < out.width(); xx++) {
        boolean inResidual = y < b.residual.height() && xx < b.residual.width();
        int so = shortcut.offset(y, xx);
        int ro = inResidual ? b.residual.offset(y, xx) : 0;
        int oo = out.offset(y, xx);
        for (int c = 0; c < channels; c++) {
          float v = (c < shortcutChannels ? s[so + c] : 0f) + (inResidual ? r[ro + c] : 0f);
          o[oo + c] = Math.max(v, 0f);
        }
      }
    }
    return out;
  }
}
