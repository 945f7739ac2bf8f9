package ai.fym.jobs.spark;

import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.ExceptionFailure;
import org.apache.spark.Success$;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Counts the task attempts a Spark application ran, the failed ones, and among those the ones the fault injector
 * failed ({@code InjectedTaskFailure}), for the soak run's summary.
 */
public final class TaskCounter extends SparkListener {
  private final AtomicLong attempts = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong injected = new AtomicLong();

  @Override
  public void onTaskEnd(SparkListenerTaskEnd end) {
    attempts.incrementAndGet();
    if (!(end.reason() instanceof Success$)) {
      failed.incrementAndGet();
      if (end.reason() instanceof ExceptionFailure e && e.className().endsWith("InjectedTaskFailure")) {
        injected.incrementAndGet();
      }
    }
  }

  public long attempts() {
    return attempts.get();
  }

  public long failed() {
    return failed.get();
  }

  public long injected() {
    return injected.get();
  }
}
