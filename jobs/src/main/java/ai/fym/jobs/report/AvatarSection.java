package ai.fym.jobs.report;

import static org.apache.spark.sql.functions.col;

import ai.fym.engine.image.ImageCodec;
import ai.fym.engine.image.RgbImage;
import ai.fym.jobs.tables.DeltaStore;
import ai.fym.jobs.tables.Tables;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;

/**
 * The report's avatar section: per identity with a trained avatar, its figures (Gaussians, frames, training
 * time, held-out PSNR and SSIM) and a strip of evenly spaced frames, the ingested face crop above the avatar's
 * render of the same frame from its landmarks.
 */
final class AvatarSection {
  static final int STRIP_FRAMES = 6;
  static final int THUMB_WIDTH = 128;

  private AvatarSection() {}

  /** Adds the section to {@code page} (nothing when no avatar is stored), strips written under {@code img}. */
  static void write(HtmlPage page, DeltaStore store, Path img) throws IOException {
    List<Row> avatars = store.read(Tables.AVATARS).orderBy("identity").collectAsList();
    if (avatars.isEmpty()) {
      return;
    }
    page.heading(2, "Avatars (" + avatars.size() + ")", "avatars").paragraph("meta", "Each identity's 3D Gaussian "
        + "avatar rendered from every frame's landmarks: the source face crop (top) and the render (bottom) of "
        + "evenly spaced frames (columns are clip frame indices; held-out frames are listed below the strip).");
    for (int a = 0; a < avatars.size(); a++) {
      Row avatar = avatars.get(a);
      String identity = avatar.getAs("identity");
      page.heading(3, identity, null).paragraph("meta", String.format(Locale.ROOT,
          "%d Gaussians \u00b7 %d frames (%d held out) \u00b7 %d steps in %.0f s \u00b7 held-out PSNR %.2f dB, "
              + "SSIM %.3f \u00b7 short warp error x1000 of the renders %.3f, of the source crops %.3f",
          avatar.<Integer>getAs("gaussians"), avatar.<Integer>getAs("frames"),
          avatar.<Integer>getAs("held_out_frames"), avatar.<Integer>getAs("steps"),
          avatar.<Double>getAs("train_seconds"), number(avatar.getAs("held_out_psnr")),
          number(avatar.getAs("held_out_ssim")), number(avatar.getAs("render_warp_short")),
          number(avatar.getAs("source_warp_short"))));
      FrameStrip strip = strip(store, identity);
      if (strip != null) {
        String name = "avatar-" + String.format("%03d", a) + ".png";
        BufferedImage image = strip.render();
        ImageIO.write(image, "png", img.resolve(name).toFile());
        page.image("img/" + name, "source crops and avatar renders of " + identity, image.getWidth(),
            image.getHeight());
        page.paragraph("meta", "Held-out frames: " + heldOut(store, identity));
      }
    }
  }

  private static FrameStrip strip(DeltaStore store, String identity) {
    List<Row> renders = store.read(Tables.RENDERS).where(col("identity").equalTo(identity)).alias("r")
        .join(store.read(Tables.FRAMES).alias("f"), col("r.identity").equalTo(col("f.identity"))
            .and(col("r.clip").equalTo(col("f.clip"))).and(col("r.frame_index").equalTo(col("f.frame_index"))))
        .select(col("r.frame_index"), col("r.held_out"), col("f.crop_png"), col("r.render_png"))
        .orderBy(col("r.clip"), col("r.frame_index")).collectAsList();
    if (renders.isEmpty()) {
      return null;
    }
    List<Integer> indices = new ArrayList<>();
    List<RgbImage> sources = new ArrayList<>();
    List<RgbImage> rendered = new ArrayList<>();
    int count = Math.min(STRIP_FRAMES, renders.size());
    for (int k = 0; k < count; k++) {
      Row r = renders.get(k * (renders.size() - 1) / Math.max(1, count - 1));
      indices.add(r.getInt(0));
      sources.add(ImageCodec.decode(r.getAs(2)));
      rendered.add(ImageCodec.decode(r.getAs(3)));
    }
    return new FrameStrip(indices, List.of(new FrameStrip.Row("source", sources),
        new FrameStrip.Row("avatar", rendered)), THUMB_WIDTH);
  }

  private static String heldOut(DeltaStore store, String identity) {
    List<String> frames = new ArrayList<>();
    for (Row r : store.read(Tables.RENDERS).where(col("identity").equalTo(identity).and(col("held_out")))
        .orderBy("clip", "frame_index").select("clip", "frame_index").collectAsList()) {
      frames.add(r.getString(0) + " " + r.getInt(1));
    }
    return frames.isEmpty() ? "none" : String.join(", ", frames);
  }

  private static double number(Double v) {
    return v == null ? Double.NaN : v;
  }
}
