package ai.fym.jobs.runs;

/** One finished Spark stage of a run: what it was, how many tasks ran and failed, and how long it took. */
public record StageTiming(int stageId, int attempt, String name, int tasks, int failedTasks, double seconds,
    String status) {}
