package ai.fym.jobs.cli;

import ai.fym.jobs.avatar.AvatarSummary;
import ai.fym.jobs.avatar.AvatarsJob;
import ai.fym.jobs.eval.Selection;
import java.util.List;

/** {@code bin/fym avatars}: train one 3D Gaussian avatar per identity and render every frame with it. */
final class AvatarsCommand implements Command {
  @Override
  public String name() {
    return "avatars";
  }

  @Override
  public String summary() {
    return "train a 3DGS avatar per identity on its face crops -> avatars, renders";
  }

  @Override
  public List<String> options() {
    return List.of("identity", "clip");
  }

  @Override
  public String help() {
    return """
        usage: bin/fym [global options] avatars [--identity PERSON] [--clip ID]

        For every identity (person, e.g. megamind/t0) with face frames, trains a 3D Gaussian Splatting avatar
        on all its face crops, one Spark task per identity: Gaussians deformed per frame by a network driven by
        the frame's landmark code (expression and head pose), splatted by the tile rasterizer, trained with
        L1 + D-SSIM, densified and pruned, every fym.avatar.heldOutEvery-th frame held out for validation. The
        avatar is stored under <out>/avatars/<identity>/<settings hash>/ (attempt-unique names) with a row in
        the Delta table avatars (Gaussians, steps, training time, held-out PSNR/SSIM); every frame is rendered into the
        table renders (PNG, PSNR, SSIM), and each shot's exact correspondence maps (frame t -> the identity's
        first frame of the shot, with visibility) are written beside the avatar. Training checkpoints every
        fym.avatar.checkpointEvery steps; a killed run resumes. Identities already stored under the same
        settings and input are skipped. --clip trains on that clip's frames only. See docs/AVATARS.md.

        examples:
          bin/fym avatars
          bin/fym --set fym.avatar.steps=2000 avatars --identity megamind/t0
        """;
  }

  @Override
  public int run(Context ctx, Args args) throws Exception {
    Selection selection = new Selection(args.get("identity", null), args.get("clip", null), null);
    AvatarSummary s = new AvatarsJob(ctx.spark(), ctx.config(), ctx.store(), ctx.outRoot(), ctx.out())
        .run(selection);
    ctx.out().println(s.describe(ctx.outRoot()));
    return s.failed() > 0 && s.trained() == 0 ? 1 : 0;
  }
}
