package ai.fym.jobs.ingest;

import ai.fym.udfs.ingest.ClipInput;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * What discovery found in a corpus: the clips to consider, quarantine rows for inputs rejected
 * before decoding (unsafe names, unreadable uris, bad manifest lines), and how many files were
 * ignored because their extension is not a video's.
 */
public record Discovery(List<ClipInput> clips, List<Row> quarantine, int ignoredFiles) {}
