package ai.fym.udfs.faults;

import ai.fym.engine.config.FymConfig;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.apache.spark.TaskContext;

/**
 * Fails the first attempt of chosen work items at a chosen point, to prove that retries and reruns are exactly-once
 * ({@code fym.faults.taskFailureRate}, {@code fym.faults.seed}; docs/RELIABILITY.md). Each stage reports its
 * progress through an item as a fraction: {@code 0} at the start, values in (0, 1) during the work (a training
 * step, a corrected shot), and {@code 1} once the item's artifact is written but before its rows are returned.
 * The choice (whether an item fails, and where) is a pure function of the seed, the stage and the item's key, so a
 * soak run is reproducible; only attempt 0 fails, so Spark's retry of the task succeeds.
 */
public final class FaultInjector implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Injects nothing. */
  public static final FaultInjector NONE = new FaultInjector(0, 0, Double.NaN);

  /** Share of injected failures that strike after the artifact is written (the rest strike during the work). */
  private static final double AFTER_ARTIFACT_SHARE = 0.2;

  private final double rate;
  private final long seed;
  private final double fixedPoint;

  private FaultInjector(double rate, long seed, double fixedPoint) {
    this.rate = rate;
    this.seed = seed;
    this.fixedPoint = fixedPoint;
  }

  /** Fails the first attempt of a share {@code rate} of the items, each at a point drawn from {@code seed}. */
  public static FaultInjector random(double rate, long seed) {
    return new FaultInjector(rate, seed, Double.NaN);
  }

  /** The injector {@code fym.faults.*} configure ({@link #NONE} at the default rate 0). */
  public static FaultInjector of(FymConfig config) {
    double rate = config.getDouble(FymConfig.FAULTS_TASK_FAILURE_RATE);
    return rate > 0 ? random(rate, config.getLong(FymConfig.FAULTS_SEED)) : NONE;
  }

  /** Fails the first attempt of every item when its progress reaches {@code point} (1: after the artifact). */
  public static FaultInjector always(double point) {
    return new FaultInjector(1, 0, point);
  }

  /** The fault plan of one work item of {@code stage}, named by its natural key. */
  public Fault forItem(String stage, String key) {
    if (rate <= 0) {
      return new Fault(stage, key, Double.NaN);
    }
    if (!Double.isNaN(fixedPoint)) {
      return new Fault(stage, key, fixedPoint);
    }
    SplittableRandom r = new SplittableRandom(seed * 1_000_003L + hash(stage + "\u0000" + key));
    boolean fails = r.nextDouble() < rate;
    double point = r.nextDouble() < AFTER_ARTIFACT_SHARE ? 1 : r.nextDouble();
    return new Fault(stage, key, fails ? point : Double.NaN);
  }

  private static long hash(String s) {
    long h = 1125899906842597L;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      h = 31 * h + b;
    }
    return h;
  }

  /** One item's plan: {@link #reached} throws {@link InjectedTaskFailure} on the first attempt at the chosen point. */
  public static final class Fault {
    private final String stage;
    private final String key;
    private final double point;

    Fault(String stage, String key, double point) {
      this.stage = stage;
      this.key = key;
      this.point = point;
    }

    /** Reports the item's progress (0 to 1, 1 once its artifact is written); may fail the task attempt here. */
    public void reached(double progress) {
      TaskContext task = TaskContext.get();
      boolean firstAttempt = task == null || task.attemptNumber() == 0;
      if (firstAttempt && !Double.isNaN(point) && progress >= point) {
        throw new InjectedTaskFailure("injected failure of " + stage + " item " + key + " at "
            + String.format(java.util.Locale.ROOT, "%.2f", progress) + " (attempt 0)");
      }
    }
  }
}
