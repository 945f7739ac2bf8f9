package ai.fym.udfs.faults;

/**
 * A simulated crash of a task attempt (a lost executor, a killed container), thrown by {@link FaultInjector}. It is
 * an {@link Error} on purpose: the stages turn every {@link Exception} of a work item into a quarantine row (bad
 * input must not kill a job), while a crash must fail the attempt so that Spark retries it, as a real lost
 * executor would. Spark treats it as a non-fatal task failure (the executor stays up).
 */
public final class InjectedTaskFailure extends Error {
  private static final long serialVersionUID = 1L;

  public InjectedTaskFailure(String message) {
    super(message);
  }
}
