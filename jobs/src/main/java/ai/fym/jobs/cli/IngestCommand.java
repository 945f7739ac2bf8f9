package ai.fym.jobs.cli;

import ai.fym.jobs.ingest.IngestJob;
import ai.fym.jobs.ingest.IngestSummary;
import java.util.List;

/** {@code bin/fym ingest --corpus FOLDER|s3a://PREFIX|MANIFEST}: decode, shots, faces, landmarks into Delta. */
final class IngestCommand implements Command {
  @Override
  public String name() {
    return "ingest";
  }

  @Override
  public String summary() {
    return "ingest a corpus: decode, shots, face tracks, 68 landmarks, crops -> Delta tables";
  }

  @Override
  public List<String> options() {
    return List.of("corpus");
  }

  @Override
  public String help() {
    return """
        usage: bin/fym [global options] ingest --corpus FOLDER|s3a://PREFIX|MANIFEST

        Discovers <root>/<identity>/<clip>.<mp4|avi|mov|mkv|webm|m4v> (or a folder of PNG/JPEG frames per
        clip; names starting with '.' or '_' are skipped) or reads a manifest (.csv with identity,clip,uri,subject,edit:<name> columns; .jsonl or .json
        with the same fields and "edits": {name: uri}). Each clip is decoded at source resolution, cut into
        shots, its faces detected and tracked, tracks of one person merged by face embedding, and every
        tracked frame gets a smoothed square face crop (fym.ingest.cropSize) with its transform and 68
        landmarks. Results go to the Delta tables clips, shots, tracks, frames; bad inputs to quarantine.
        Unchanged clips are skipped, so a rerun is cheap and adds no data. Exits 0 unless nothing could be
        ingested.

        options:
          --corpus X   a folder, an s3a:// prefix, or a manifest file (required)

        example:
          bin/fym ingest --corpus ~/videos/portraits
        """;
  }

  @Override
  public int run(Context ctx, Args args) throws Exception {
    String corpus = args.require("corpus");
    IngestSummary s = new IngestJob(ctx.spark(), ctx.config(), ctx.store(), ctx.out()).run(corpus);
    ctx.out().println(s.describe(ctx.outRoot()));
    boolean nothing = s.ingested() == 0 && s.unchanged() == 0;
    return nothing ? 1 : 0;
  }
}
