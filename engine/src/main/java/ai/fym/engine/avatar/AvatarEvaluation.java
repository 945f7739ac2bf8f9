package ai.fym.engine.avatar;

import ai.djl.ndarray.NDManager;
import ai.fym.engine.image.RgbImage;
import ai.fym.engine.metrics.ClipEvaluator;
import ai.fym.engine.splat.SplatRasterizer;

/**
 * Reconstruction quality of an avatar: PSNR and SSIM (the training loss's SSIM) of its renders against the face
 * crops, on pixel values clamped to [0, 1].
 */
public final class AvatarEvaluation {
  private AvatarEvaluation() {}

  /** Mean PSNR (dB) and SSIM over {@code frames} frames (NaN when there are none). */
  public record Scores(double psnr, double ssim, int frames) {}

  /** One frame's render and its scores. */
  public record Rendered(float[] image, double psnr, double ssim) {}

  /** Renders frame {@code index} of {@code data} from its code and scores it against the crop. */
  public static Rendered render(AvatarModel model, AvatarData data, int index, SplatRasterizer rasterizer,
      NDManager manager) {
    float[] image = clamp(model.render(data.codes()[index], rasterizer, manager));
    float[] target = data.frames().get(index).image();
    PhotometricLoss metric = new PhotometricLoss(model.resolution(), model.resolution(), 3);
    return new Rendered(image, psnr(image, target), metric.ssim(image, target));
  }

  /** Mean scores over the frames {@code indices} of {@code data}. */
  public static Scores score(AvatarModel model, AvatarData data, int[] indices, SplatRasterizer rasterizer,
      NDManager manager) {
    double psnr = 0;
    double ssim = 0;
    for (int i : indices) {
      Rendered r = render(model, data, i, rasterizer, manager);
      psnr += r.psnr() / indices.length;
      ssim += r.ssim() / indices.length;
    }
    return indices.length == 0 ? new Scores(Double.NaN, Double.NaN, 0) : new Scores(psnr, ssim, indices.length);
  }

  /** {@code image} with every value clamped to [0, 1], in place; returns it. */
  static float[] clamp(float[] image) {
    for (int i = 0; i < image.length; i++) {
      image[i] = Math.min(1f, Math.max(0f, image[i]));
    }
    return image;
  }

  /** Short warp error (x1000) of the renders and of the source crops, both aligned by the source's motion. */
  public record Consistency(double renderWarpShort, double sourceWarpShort) {
    /** Renders' short warp error over the source's own (at most 1.1 is "within 10 %"). */
    public double ratio() {
      return renderWarpShort / sourceWarpShort;
    }
  }

  /**
   * Temporal consistency of the avatar's renders of every frame of {@code data} (in (clip, frame) order, pairs
   * across shots skipped) beside the source crops' own, by the evaluation harness's short warp error.
   */
  public static Consistency consistency(AvatarModel model, AvatarData data, SplatRasterizer rasterizer,
      NDManager manager) {
    int size = model.resolution();
    try (ClipEvaluator renders = new ClipEvaluator(ClipEvaluator.Options.defaults().withFlowScale(1f));
        ClipEvaluator sources = new ClipEvaluator(ClipEvaluator.Options.defaults().withFlowScale(1f))) {
      AvatarFrame previous = null;
      int index = 0;
      for (int i = 0; i < data.frames().size(); i++) {
        AvatarFrame f = data.frames().get(i);
        boolean cut = previous == null || !previous.clip().equals(f.clip()) || previous.shot() != f.shot()
            || f.frameIndex() != previous.frameIndex() + 1;
        RgbImage source = toImage(f.image(), size);
        RgbImage render = toImage(render(model, data, i, rasterizer, manager).image(), size);
        renders.add(index, cut, source, render, render, null);
        sources.add(index, cut, source, source, source, null);
        index++;
        previous = f;
      }
      return new Consistency(renders.finish().warpShort(), sources.finish().warpShort());
    }
  }

  /** A rendered {@code size x size} RGB float image (values in [0, 1]) as 8-bit RGB. */
  public static RgbImage toImage(float[] image, int size) {
    byte[] rgb = new byte[image.length];
    for (int i = 0; i < rgb.length; i++) {
      rgb[i] = (byte) Math.round(255 * Math.min(1f, Math.max(0f, image[i])));
    }
    return new RgbImage(size, size, rgb);
  }

  /** PSNR in dB of {@code image} against {@code target} (values in [0, 1]), capped at 100. */
  static double psnr(float[] image, float[] target) {
    double se = 0;
    for (int i = 0; i < image.length; i++) {
      double d = image[i] - target[i];
      se += d * d;
    }
    double mse = se / image.length;
    return mse <= 1e-10 ? 100 : Math.min(100, 10 * Math.log10(1 / mse));
  }
}
