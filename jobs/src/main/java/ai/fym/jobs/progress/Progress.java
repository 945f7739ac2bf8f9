package ai.fym.jobs.progress;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.apache.spark.util.LongAccumulator;
import scala.Tuple4;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Terminal progress for a long Spark stage: tasks (work items) done out of the total, items counted
 * by an accumulator (frames), their rate and an ETA. Jobs started on the calling thread while it is
 * open belong to its job group, and only their tasks count. Executors report running tasks'
 * accumulator values in their heartbeats, so the line moves while one long task is still running.
 */
public final class Progress extends SparkListener implements AutoCloseable {
  private final SparkContext sc;
  private final String label;
  private final String unit;
  private final int totalTasks;
  private final LongAccumulator counter;
  private final PrintStream out;
  private static final String JOB_GROUP = "spark.jobGroup.id";
  private final Map<Long, Long> running = new ConcurrentHashMap<>();
  private final Set<Integer> stages = ConcurrentHashMap.newKeySet();
  private final String group = "fym-progress-" + UUID.randomUUID();
  private final long startNanos = System.nanoTime();
  private final Thread printer;
  private volatile int tasksDone;

  public Progress(SparkContext sc, String label, String unit, int totalTasks, LongAccumulator counter,
      PrintStream out) {
    this.sc = sc;
    this.label = label;
    this.unit = unit;
    this.totalTasks = totalTasks;
    this.counter = counter;
    this.out = out;
    sc.addSparkListener(this);
    sc.setJobGroup(group, label, false);
    printer = new Thread(this::loop, "fym-progress");
    printer.setDaemon(true);
    printer.start();
  }

  /** Only the stages of jobs in this progress's job group count. */
  @Override
  public void onJobStart(SparkListenerJobStart job) {
    if (group.equals(job.properties() == null ? null : job.properties().getProperty(JOB_GROUP))) {
      for (Object stage : CollectionConverters.asJava(job.stageIds())) {
        stages.add((Integer) stage);
      }
    }
  }

  @Override
  public void onTaskStart(SparkListenerTaskStart start) {
    if (stages.contains(start.stageId())) {
      running.put(start.taskInfo().taskId(), 0L);
    }
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd end) {
    if (stages.contains(end.stageId())) {
      running.remove(end.taskInfo().taskId());
      if (end.reason() instanceof org.apache.spark.Success$) {
        tasksDone++;
      }
    }
  }

  @Override
  public void onExecutorMetricsUpdate(SparkListenerExecutorMetricsUpdate update) {
    for (Tuple4<Object, Object, Object, scala.collection.immutable.Seq<org.apache.spark.scheduler.AccumulableInfo>> t
        : CollectionConverters.asJava(update.accumUpdates())) {
      for (var info : CollectionConverters.asJava(t._4())) {
        if (info.id() == counter.id() && info.update().isDefined()) {
          Object v = info.update().get();
          if (v instanceof Long value) {
            running.computeIfPresent((Long) t._1(), (k, old) -> value);
          }
        }
      }
    }
  }

  /** Items counted so far, including running tasks' last reported values. */
  public long items() {
    return counter.value() + running.values().stream().mapToLong(Long::longValue).sum();
  }

  public double elapsedSeconds() {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private void loop() {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        Thread.sleep(2000);
        out.println(line());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The current progress line. */
  public String line() {
    double secs = elapsedSeconds();
    long items = items();
    int done = Math.min(tasksDone, totalTasks);
    String eta = done == 0 ? "--:--" : clock(secs / done * (totalTasks - done));
    return String.format(Locale.ROOT, "[%s] %d/%d done, %d %s, %.1f %s/s, elapsed %s, ETA %s", label, done,
        totalTasks, items, unit, items / Math.max(secs, 1e-9), unit, clock(secs), eta);
  }

  private static String clock(double seconds) {
    long s = Math.round(seconds);
    return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format("%02d:%02d", s / 60, s % 60);
  }

  @Override
  public void close() {
    printer.interrupt();
    sc.clearJobGroup();
    sc.removeSparkListener(this);
  }
}
