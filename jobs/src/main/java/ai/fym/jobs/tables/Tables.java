package ai.fym.jobs.tables;

import ai.fym.udfs.avatar.AvatarSchemas;
import ai.fym.jobs.runs.RunRecorder;
import ai.fym.udfs.diffusion.DenoiserSchemas;
import ai.fym.udfs.eval.EvalSchemas;
import ai.fym.udfs.ingest.IngestSchemas;
import ai.fym.udfs.ledger.StageRun;
import ai.fym.udfs.trajectory.TrajectorySchemas;
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

  /** The tables ingest writes. */
  public static final List<TableDef> INGEST = List.of(CLIPS, SHOTS, TRACKS, FRAMES, QUARANTINE);

  private static final List<String> RESULT_KEY = List.of("identity", "clip", "edit", "method", "config_hash");

  public static final TableDef EDITS = new TableDef("edits", EvalSchemas.EDITS, List.of("identity", "clip", "edit"));
  public static final TableDef CORRECTED = new TableDef("corrected", EvalSchemas.CORRECTED, RESULT_KEY);
  public static final TableDef METRICS = new TableDef("metrics", EvalSchemas.METRICS, RESULT_KEY);
  public static final TableDef METRIC_FRAMES = new TableDef("metric_frames", EvalSchemas.METRIC_FRAMES,
      List.of("identity", "clip", "edit", "method", "config_hash", "frame_index"));
  public static final TableDef SWEEP_ITEMS = new TableDef("sweep_items", EvalSchemas.SWEEP_ITEMS,
      List.of("sweep", "identity", "clip", "edit", "method", "config_hash"));
  public static final TableDef QC = new TableDef("qc", EvalSchemas.QC, RESULT_KEY);

  /** One trained trajectory field per shot (by its first frame), region and settings. */
  public static final TableDef TRAJECTORIES = new TableDef("trajectories", TrajectorySchemas.TRAJECTORIES,
      List.of("identity", "clip", "shot", "region", "config_hash"));
  /** One base denoiser per identity (the clips table's) and base-settings hash. */
  public static final TableDef DENOISERS = new TableDef("denoisers", DenoiserSchemas.DENOISERS,
      List.of("identity", "base_hash"));
  public static final TableDef AVATARS = new TableDef("avatars", AvatarSchemas.AVATARS, List.of("identity"));
  public static final TableDef RENDERS = new TableDef("renders", AvatarSchemas.RENDERS,
      List.of("identity", "clip", "frame_index"));

  /** One row per command: its configuration (credentials redacted), versions, commit and stage timings. */
  public static final TableDef RUNS = new TableDef("runs", RunRecorder.SCHEMA, List.of("run_id"));

  /** The ledger: how each work item of each stage ended, per input fingerprint (docs/RELIABILITY.md). */
  public static final TableDef STAGE_RUNS = new TableDef("stage_runs", StageRun.SCHEMA,
      List.of("stage", "identity", "item", "input_fingerprint"));

  public static final List<TableDef> ALL = List.of(CLIPS, SHOTS, TRACKS, FRAMES, QUARANTINE, EDITS, CORRECTED,
      METRICS, METRIC_FRAMES, SWEEP_ITEMS, QC, TRAJECTORIES, DENOISERS, AVATARS, RENDERS, RUNS, STAGE_RUNS);
}
