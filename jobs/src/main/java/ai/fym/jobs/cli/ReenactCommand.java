package ai.fym.jobs.cli;

import ai.fym.jobs.avatar.Reenactor;
import java.util.List;

/** {@code bin/fym reenact}: render a trained avatar driven by another clip's landmarks to an mp4. */
final class ReenactCommand implements Command {
  @Override
  public String name() {
    return "reenact";
  }

  @Override
  public String summary() {
    return "render an identity's avatar driven by another clip's landmarks -> mp4";
  }

  @Override
  public List<String> options() {
    return List.of("avatar", "driver", "person");
  }

  @Override
  public String help() {
    return """
        usage: bin/fym [global options] reenact --avatar PERSON --driver CLIP [--person PERSON]

        Renders the avatar of PERSON (trained by bin/fym avatars, e.g. megamind/t0) driven by the landmarks of
        the ingested clip CLIP: the driver's expression and head pose are carried over frame by frame (the
        face of --person in that clip, by default the person with most face frames). Writes
        <out>/reenact/<avatar person>/<clip>-<driver person>.mp4 with the driver's face crop on the left and
        the avatar on the right, at the avatar's resolution and the clip's frame rate.

        examples:
          bin/fym reenact --avatar megamind/t0 --driver Megamind --person megamind/t2
        """;
  }

  @Override
  public int run(Context ctx, Args args) throws Exception {
    String avatar = args.get("avatar", null);
    String driver = args.get("driver", null);
    if (avatar == null || driver == null) {
      throw new IllegalArgumentException("reenact needs --avatar PERSON and --driver CLIP (see bin/fym reenact --help)");
    }
    Reenactor.Output out = new Reenactor(ctx.spark(), ctx.config(), ctx.store(), ctx.outRoot())
        .run(avatar, driver, args.get("person", null));
    ctx.out().printf("Reenactment of %s driven by %s: %d frames written to %s%n", avatar, driver, out.frames(),
        out.uri());
    return 0;
  }
}
