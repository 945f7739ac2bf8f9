package ai.fym.jobs.ingest;

import java.util.Map;

/**
 * What one ingest run did: clips found, skipped as unchanged, ingested, quarantined (by reason),
 * frames and persons written, and the wall time.
 */
public record IngestSummary(int discovered, int unchanged, int ingested, int quarantined, long frames,
    long persons, int ignoredFiles, Map<String, Long> quarantineReasons, double seconds) {

  /** One paragraph for the terminal. */
  public String describe(String outRoot) {
    return String.format(java.util.Locale.ROOT,
        "Ingest finished in %.1f s: %d clips found, %d unchanged and skipped, %d ingested (%d face frames, "
            + "%d person groups), %d quarantined%s%s. Tables are under %s/tables; query them with "
            + "bin/fym sql \"select identity, count(*) from frames group by identity\".",
        seconds, discovered, unchanged, ingested, frames, persons, quarantined,
        quarantineReasons.isEmpty() ? "" : " " + quarantineReasons,
        ignoredFiles == 0 ? "" : ", " + ignoredFiles + " non-video files ignored", outRoot);
  }
}
