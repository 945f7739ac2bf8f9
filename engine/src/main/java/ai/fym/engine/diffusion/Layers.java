package ai.fym.engine.diffusion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import java.util.Random;

/**
 * The denoiser's layers as declarations (parameters in a {@link ParamStore}) and functional forward passes over
 * NDArrays, so that DJL autograd reaches every parameter: convolutions, group norm, residual blocks with the
 * timestep embedding, and single-head self-attention with an additive logit bias (the landmark re-weighting).
 */
final class Layers {
  static final int GROUPS = 8;

  private Layers() {}

  static void declareConv(ParamStore p, String name, int in, int out, int kernel, boolean zero, Random r) {
    p.add(name + ".w", new Shape(out, in, kernel, kernel), zero ? 0 : Math.sqrt(2.0 / (in * kernel * kernel)), r);
    p.add(name + ".b", new Shape(out), 0, r);
  }

  static void declareNorm(ParamStore p, String name, int channels) {
    p.fill(name + ".g", new Shape(1, channels, 1, 1), 1f);
    p.add(name + ".b", new Shape(1, channels, 1, 1), 0, null);
  }

  static void declareDense(ParamStore p, String name, int in, int out, Random r) {
    p.add(name + ".w", new Shape(in, out), Math.sqrt(1.0 / in), r);
    p.add(name + ".b", new Shape(out), 0, r);
  }

  /** GN, SiLU, conv, + time projection, GN, SiLU, conv (zero-initialised: the block starts as identity). */
  static void declareResBlock(ParamStore p, String name, int in, int out, int timeDim, Random r) {
    declareNorm(p, name + ".n1", in);
    declareConv(p, name + ".c1", in, out, 3, false, r);
    declareDense(p, name + ".t", timeDim, out, r);
    declareNorm(p, name + ".n2", out);
    declareConv(p, name + ".c2", out, out, 3, true, r);
    if (in != out) {
      declareConv(p, name + ".skip", in, out, 1, false, r);
    }
  }

  static void declareAttention(ParamStore p, String name, int channels, Random r) {
    declareNorm(p, name + ".n", channels);
    declareConv(p, name + ".qkv", channels, 3 * channels, 1, false, r);
    declareConv(p, name + ".out", channels, channels, 1, true, r);
  }

  static NDArray conv(ParamStore.Bound p, String name, NDArray x, int stride) {
    NDArray w = p.get(name + ".w");
    int pad = (int) (w.getShape().get(2) / 2);
    return Conv2d.conv2d(x, w, p.get(name + ".b"), new Shape(stride, stride), new Shape(pad, pad),
        new Shape(1, 1), 1).singletonOrThrow();
  }

  static NDArray silu(NDArray x) {
    return x.mul(Activation.sigmoid(x));
  }

  static NDArray groupNorm(ParamStore.Bound p, String name, NDArray x) {
    Shape s = x.getShape();
    long b = s.get(0);
    long c = s.get(1);
    NDArray g = x.reshape(b, GROUPS, -1);
    NDArray mean = g.mean(new int[] {2}, true);
    NDArray centred = g.sub(mean);
    NDArray variance = centred.square().mean(new int[] {2}, true);
    NDArray normed = centred.div(variance.add(1e-5f).sqrt()).reshape(s);
    return normed.mul(p.get(name + ".g")).add(p.get(name + ".b"));
  }

  static NDArray dense(ParamStore.Bound p, String name, NDArray x) {
    return x.matMul(p.get(name + ".w")).add(p.get(name + ".b"));
  }

  /** A residual block; {@code time} is the (B, timeDim) embedding after its SiLU. */
  static NDArray resBlock(ParamStore.Bound p, String name, NDArray x, NDArray time) {
    NDArray h = conv(p, name + ".c1", silu(groupNorm(p, name + ".n1", x)), 1);
    NDArray t = dense(p, name + ".t", time);
    h = h.add(t.reshape(t.getShape().get(0), t.getShape().get(1), 1, 1));
    h = conv(p, name + ".c2", silu(groupNorm(p, name + ".n2", h)), 1);
    NDArray skip = p.has(name + ".skip.w") ? conv(p, name + ".skip", x, 1) : x;
    return skip.add(h);
  }

  /**
   * Self-attention over the H x W positions, one head: softmax(q.k / sqrt(C) + logWeights) v, with
   * {@code logWeights} (B, 1, H*W) the log of the re-weighting W of every key position (null: W = 1).
   */
  static NDArray attention(ParamStore.Bound p, String name, NDArray x, NDArray logWeights) {
    Shape s = x.getShape();
    long b = s.get(0);
    long c = s.get(1);
    long n = s.get(2) * s.get(3);
    NDArray qkv = conv(p, name + ".qkv", groupNorm(p, name + ".n", x), 1).reshape(b, 3, c, n);
    NDArray q = qkv.get(":, 0").transpose(0, 2, 1);
    NDArray k = qkv.get(":, 1");
    NDArray v = qkv.get(":, 2");
    NDArray logits = q.matMul(k).div((float) Math.sqrt(c));
    if (logWeights != null) {
      logits = logits.add(logWeights);
    }
    NDArray attended = v.matMul(logits.softmax(2).transpose(0, 2, 1)).reshape(s);
    return x.add(conv(p, name + ".out", attended, 1));
  }

  /** Nearest-neighbour 2x upsampling. */
  static NDArray upsample(NDArray x) {
    return x.repeat(2, 2).repeat(3, 2);
  }

  /** Sinusoidal embedding of the noise level {@code t} in [0, 1], (B, dim). */
  static float[] timeFeatures(float[] t, int dim) {
    float[] out = new float[t.length * dim];
    int half = dim / 2;
    for (int i = 0; i < t.length; i++) {
      for (int k = 0; k < half; k++) {
        double freq = Math.exp(-Math.log(10000.0) * k / half);
        double angle = t[i] * 1000.0 * freq;
        out[i * dim + k] = (float) Math.sin(angle);
        out[i * dim + half + k] = (float) Math.cos(angle);
      }
    }
    return out;
  }
}
