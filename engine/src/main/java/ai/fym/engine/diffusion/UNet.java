package ai.fym.engine.diffusion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import java.util.Random;

/**
 * The denoiser's network: a UNet over four resolutions (S, S/2, S/4, S/8) with residual blocks, group norm and
 * the timestep embedding, self-attention at the two lowest resolutions (S/4, S/8) with the landmark re-weighting
 * as a logit bias, and skip connections. Its output layer starts at zero: an untrained network predicts no
 * correction. The ControlNet branch ({@link #declareControl}) is a trainable copy of the encoder and middle,
 * fed by a hint image through a zero-initialised convolution, whose features join the base network's through
 * zero-initialised 1x1 convolutions: before adaptation it changes nothing.
 */
final class UNet {
  static final int TIME_FEATURES = 32;

  private final int inChannels;
  private final int channels;

  UNet(int inChannels, int channels) {
    this.inChannels = inChannels;
    this.channels = channels;
  }

  /** The base network's parameters. */
  ParamStore declareBase(long seed) {
    Random r = new Random(seed);
    ParamStore p = new ParamStore();
    declareEncoder(p, r);
    int c = channels;
    int c2 = 2 * channels;
    int td = 4 * channels;
    Layers.declareResBlock(p, "u2", c2 + c2, c2, td, r);
    Layers.declareAttention(p, "u2a", c2, r);
    Layers.declareResBlock(p, "u1", c2 + c2, c, td, r);
    Layers.declareResBlock(p, "u0", c + c, c, td, r);
    Layers.declareNorm(p, "out.n", c);
    Layers.declareConv(p, "out", c, 3, 3, true, r);
    return p;
  }

  /** The ControlNet branch: the encoder's layout (copied from {@code base}), the hint input and zero convolutions. */
  ParamStore declareControl(ParamStore base, int hintChannels, long seed) {
    Random r = new Random(seed);
    ParamStore p = new ParamStore();
    declareEncoder(p, r);
    p.copyShared(base);
    int c = channels;
    int c2 = 2 * channels;
    Layers.declareConv(p, "hint", hintChannels, c, 3, false, r);
    Layers.declareConv(p, "hint.zero", c, c, 1, true, r);
    Layers.declareConv(p, "zero0", c, c, 1, true, r);
    Layers.declareConv(p, "zero1", c2, c2, 1, true, r);
    Layers.declareConv(p, "zero2", c2, c2, 1, true, r);
    Layers.declareConv(p, "zero3", c2, c2, 1, true, r);
    return p;
  }

  private void declareEncoder(ParamStore p, Random r) {
    int c = channels;
    int c2 = 2 * channels;
    int td = 4 * channels;
    Layers.declareConv(p, "in", inChannels, c, 3, false, r);
    Layers.declareDense(p, "time.1", TIME_FEATURES, td, r);
    Layers.declareDense(p, "time.2", td, td, r);
    Layers.declareResBlock(p, "e0", c, c, td, r);
    Layers.declareConv(p, "d0", c, c, 3, false, r);
    Layers.declareResBlock(p, "e1", c, c2, td, r);
    Layers.declareConv(p, "d1", c2, c2, 3, false, r);
    Layers.declareResBlock(p, "e2", c2, c2, td, r);
    Layers.declareAttention(p, "e2a", c2, r);
    Layers.declareConv(p, "d2", c2, c2, 3, false, r);
    Layers.declareResBlock(p, "m1", c2, c2, td, r);
    Layers.declareAttention(p, "ma", c2, r);
    Layers.declareResBlock(p, "m2", c2, c2, td, r);
  }

  /**
   * The predicted correction (B, 3, S, S).
   *
   * @param input the noisy image and the conditions, (B, inChannels, S, S)
   * @param time sinusoidal features of the noise level, (B, TIME_FEATURES)
   * @param control the ControlNet branch's parameters, or null for none
   * @param hint the ControlNet's input, (B, hintChannels, S, S), with {@code control}
   * @param logWeights log W over the key positions at S/4 and S/8, (B, 1, n) each, or null for W = 1
   */
  NDArray forward(ParamStore.Bound base, NDArray input, NDArray time, ParamStore.Bound control, NDArray hint,
      NDArray[] logWeights) {
    NDArray[] skips = encode(base, Layers.conv(base, "in", input, 1), time, logWeights);
    if (control != null) {
      NDArray h0 = Layers.conv(control, "in", input, 1)
          .add(Layers.conv(control, "hint.zero", Layers.silu(Layers.conv(control, "hint", hint, 1)), 1));
      NDArray[] extra = encode(control, h0, time, logWeights);
      for (int i = 0; i < skips.length; i++) {
        skips[i] = skips[i].add(Layers.conv(control, "zero" + i, extra[i], 1));
      }
    }
    NDArray temb = embed(base, time);
    NDArray h = Layers.upsample(skips[3]);
    h = Layers.resBlock(base, "u2", NDArrays.concat(new NDList(h, skips[2]), 1), temb);
    h = Layers.attention(base, "u2a", h, logWeights == null ? null : logWeights[0]);
    h = Layers.upsample(h);
    h = Layers.resBlock(base, "u1", NDArrays.concat(new NDList(h, skips[1]), 1), temb);
    h = Layers.upsample(h);
    h = Layers.resBlock(base, "u0", NDArrays.concat(new NDList(h, skips[0]), 1), temb);
    return Layers.conv(base, "out", Layers.silu(Layers.groupNorm(base, "out.n", h)), 1);
  }

  private static NDArray embed(ParamStore.Bound p, NDArray time) {
    return Layers.silu(Layers.dense(p, "time.2", Layers.silu(Layers.dense(p, "time.1", time))));
  }

  /** Skips at S, S/2, S/4 and the middle's output at S/8. */
  private static NDArray[] encode(ParamStore.Bound p, NDArray h0, NDArray time, NDArray[] logWeights) {
    NDArray temb = embed(p, time);
    NDArray s0 = Layers.resBlock(p, "e0", h0, temb);
    NDArray s1 = Layers.resBlock(p, "e1", Layers.conv(p, "d0", s0, 2), temb);
    NDArray s2 = Layers.resBlock(p, "e2", Layers.conv(p, "d1", s1, 2), temb);
    s2 = Layers.attention(p, "e2a", s2, logWeights == null ? null : logWeights[0]);
    NDArray m = Layers.resBlock(p, "m1", Layers.conv(p, "d2", s2, 2), temb);
    m = Layers.attention(p, "ma", m, logWeights == null ? null : logWeights[1]);
    m = Layers.resBlock(p, "m2", m, temb);
    return new NDArray[] {s0, s1, s2, m};
  }
}
