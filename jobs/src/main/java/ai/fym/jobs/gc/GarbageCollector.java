package ai.fym.jobs.gc;

import ai.fym.jobs.tables.DeltaStore;
import ai.fym.jobs.tables.TableDef;
import ai.fym.jobs.tables.Tables;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Removes orphaned artifacts: files under the output root's artifact folders that no table row references. They
 * come from attempts that failed after writing (a lost executor, an injected fault), from a driver stopped between
 * the artifact write and the Delta commit, and from results a rerun replaced. The referenced set is every column
 * named {@code uri} or ending in {@code _uri} of every result table (not the ledger, which is history), so a new
 * stage's table joins by naming its artifact columns so; its artifact folder joins by being added to
 * {@link #ARTIFACT_FOLDERS}. Files younger than the grace period are kept, since a running job may
 * not have committed them yet; training checkpoints ({@code .ckpt}) are kept unless asked, since a rerun resumes
 * from them.
 */
public final class GarbageCollector {
  /** The folders under the output root where stages write artifacts. */
  public static final List<String> ARTIFACT_FOLDERS = List.of("edits", "corrected", "trajectories", "avatars",
      "denoisers");

  private final SparkSession spark;
  private final DeltaStore store;
  private final String outRoot;

  /** What a collection found: orphans (removed unless a dry run), their bytes, and what it kept. */
  public record Summary(long scanned, long referenced, long orphans, long bytes, long young, long checkpoints,
      boolean dryRun) {
    public String describe() {
      return String.format(java.util.Locale.ROOT, "gc: %d artifact files scanned, %d referenced by tables, %d "
          + "orphans (%.1f MB) %s; kept %d younger than the grace period and %d checkpoints.", scanned, referenced,
          orphans, bytes / 1e6, dryRun ? "found (dry run: nothing removed)" : "removed", young, checkpoints);
    }
  }

  public GarbageCollector(SparkSession spark, DeltaStore store, String outRoot) {
    this.spark = spark;
    this.store = store;
    this.outRoot = outRoot.replaceAll("/+$", "");
  }

  /**
   * Finds (and unless {@code dryRun} deletes) the unreferenced files older than {@code graceSeconds}; checkpoints
   * too when {@code checkpoints}.
   */
  public Summary run(long graceSeconds, boolean checkpoints, boolean dryRun) throws IOException {
    Set<String> referenced = referencedUris();
    long cutoff = System.currentTimeMillis() - graceSeconds * 1000;
    long scanned = 0;
    long kept = 0;
    long orphans = 0;
    long bytes = 0;
    long young = 0;
    long ckpts = 0;
    for (String folder : ARTIFACT_FOLDERS) {
      Path dir = new Path(outRoot + "/" + folder);
      FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(dir)) {
        continue;
      }
      RemoteIterator<LocatedFileStatus> files = fs.listFiles(dir, true);
      while (files.hasNext()) {
        LocatedFileStatus f = files.next();
        scanned++;
        if (referenced.contains(fs.makeQualified(f.getPath()).toUri().toString())) {
          kept++;
        } else if (f.getModificationTime() > cutoff) {
          young++;
        } else if (f.getPath().getName().endsWith(".ckpt") && !checkpoints) {
          ckpts++;
        } else {
          orphans++;
          bytes += f.getLen();
          if (!dryRun) {
            fs.delete(f.getPath(), false);
          }
        }
      }
    }
    return new Summary(scanned, kept, orphans, bytes, young, ckpts, dryRun);
  }

  /** Every value of every artifact column ({@code uri}, {@code *_uri}) of every result table. */
  private Set<String> referencedUris() {
    Set<String> out = new HashSet<>();
    for (TableDef t : Tables.ALL) {
      if (t.equals(Tables.STAGE_RUNS) || !store.exists(t)) {
        continue;
      }
      for (String column : t.schema().fieldNames()) {
        if (column.equals("uri") || column.endsWith("_uri")) {
          for (Row r : store.read(t).select(column).where(column + " is not null").distinct().collectAsList()) {
            out.add(r.getString(0));
          }
        }
      }
    }
    return out;
  }
}
