package ai.fym.jobs.runs;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.StageInfo;

/**
 * Run accounting on the driver: counts each stage's finished and failed tasks, keeps every stage's timing for the
 * {@code runs} table, and prints a line on the terminal when a stage that took {@link #PRINT_SECONDS} or more (or
 * lost tasks) ends, so a person sees which stages a command spends its time in.
 */
public final class RunListener extends SparkListener {
  /** Stages shorter than this, without failures, are recorded but not printed (Delta runs many tiny ones). */
  static final double PRINT_SECONDS = 2;

  private final PrintStream out;
  private final Map<String, int[]> tasks = new ConcurrentHashMap<>();
  private final List<StageTiming> stages = new ArrayList<>();

  public RunListener(PrintStream out) {
    this.out = out;
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd end) {
    int[] counts = tasks.computeIfAbsent(end.stageId() + "." + end.stageAttemptId(), k -> new int[2]);
    synchronized (counts) {
      counts[end.taskInfo().successful() ? 0 : 1]++;
    }
  }

  @Override
  public void onStageCompleted(SparkListenerStageCompleted completed) {
    StageInfo info = completed.stageInfo();
    int[] counts = tasks.getOrDefault(info.stageId() + "." + info.attemptNumber(), new int[2]);
    long start = info.submissionTime().isDefined() ? (Long) info.submissionTime().get() : 0L;
    long end = info.completionTime().isDefined() ? (Long) info.completionTime().get() : start;
    String status = info.failureReason().isDefined() ? "FAILED" : "SUCCEEDED";
    StageTiming t = new StageTiming(info.stageId(), info.attemptNumber(), info.name(), info.numTasks(), counts[1],
        (end - start) / 1e3, status);
    synchronized (stages) {
      stages.add(t);
    }
    if (t.seconds() >= PRINT_SECONDS || t.failedTasks() > 0 || !"SUCCEEDED".equals(status)) {
      out.printf(Locale.ROOT, "[spark] stage %d %s: %d/%d tasks, %d failed, %.1f s (%s)%n", t.stageId(),
          status.toLowerCase(Locale.ROOT), counts[0], t.tasks(), t.failedTasks(), t.seconds(), t.name());
    }
  }

  /** The stages finished so far, in completion order. */
  public List<StageTiming> stages() {
    synchronized (stages) {
      return List.copyOf(stages);
    }
  }
}
