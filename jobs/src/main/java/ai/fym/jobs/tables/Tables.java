package ai.fym.jobs.tables;

import ai.fym.udfs.ingest.IngestSchemas;
import java.util.List;

/** The Delta tables and their natural keys; writes are keyed MERGEs, so reruns add no duplicates. */
public final class Tables {
  private Tables() {}

  public static final TableDef CLIPS = new TableDef("clips", IngestSchemas.CLIPS, List.of("identity", "clip"));
  public static final TableDef SHOTS = new TableDef("shots", IngestSchemas.SHOTS,
      List.of("identity", "clip", "shot"));
  public static final TableDef TRACKS = new TableDef("tracks", IngestSchemas.TRACKS,
      List.of("source_identity", "clip", "track"));
  public static final TableDef FRAMES = new TableDef("frames", IngestSchemas.FRAMES,
      List.of("source_identity", "clip", "track", "frame_index"));
  public static final TableDef QUARANTINE = new TableDef("quarantine", IngestSchemas.QUARANTINE,
      List.of("input", "stage", "fingerprint"));

  public static final List<TableDef> ALL = List.of(CLIPS, SHOTS, TRACKS, FRAMES, QUARANTINE);
}
