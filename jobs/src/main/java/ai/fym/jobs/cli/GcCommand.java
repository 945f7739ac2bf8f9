package ai.fym.jobs.cli;

import ai.fym.jobs.gc.GarbageCollector;
import java.util.List;

/** {@code bin/fym gc}: remove artifacts that no table references (see {@link GarbageCollector}). */
final class GcCommand implements Command {
  @Override
  public String name() {
    return "gc";
  }

  @Override
  public String summary() {
    return "remove orphaned artifacts (files under the output root no table references)";
  }

  @Override
  public List<String> options() {
    return List.of("grace-seconds", "checkpoints", "dry-run");
  }

  @Override
  public List<String> flags() {
    return List.of("checkpoints", "dry-run");
  }

  @Override
  public String help() {
    return """
        usage: bin/fym [global options] gc [--grace-seconds S] [--checkpoints] [--dry-run]

        Deletes the files under <out>/edits, corrected, trajectories and avatars that no row of any table
        references (its uri or *_uri columns): attempts that failed after writing, runs stopped between an
        artifact's write and its commit, results a rerun replaced. Files younger than S seconds (default 3600)
        are kept, since a running job may not have committed them yet; training checkpoints (.ckpt) are kept
        unless --checkpoints is given, since a rerun resumes from them. --dry-run only counts.

        example:
          bin/fym gc --dry-run
        """;
  }

  @Override
  public int run(Context ctx, Args args) throws Exception {
    long grace = Long.parseLong(args.get("grace-seconds", "3600"));
    if (grace < 0) {
      throw new IllegalArgumentException("--grace-seconds must be zero or positive, got " + grace);
    }
    GarbageCollector.Summary s = new GarbageCollector(ctx.spark(), ctx.store(), ctx.outRoot())
        .run(grace, args.has("checkpoints"), args.has("dry-run"));
    ctx.out().println(s.describe());
    return 0;
  }
}
