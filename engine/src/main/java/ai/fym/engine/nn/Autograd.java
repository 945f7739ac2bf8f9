package ai.fym.engine.nn;

/**
 * The JVM-wide turn for DJL autograd. The PyTorch engine allows one open
 * {@link ai.djl.training.GradientCollector} per JVM at a time, and several models train concurrently in one
 * executor (Spark tasks): whoever records or runs a backward pass holds {@link #LOCK} from opening the collector
 * to reading the gradients ({@code synchronized (Autograd.LOCK) { ... }}); work that needs no autograd runs outside.
 */
public final class Autograd {
  /** The lock every gradient collector in this JVM is opened under. */
  public static final Object LOCK = new Object();

  private Autograd() {}
}
