package ai.fym.jobs.spark;

import ai.fym.engine.config.FymConfig;
import ai.fym.udfs.device.Devices;
import org.apache.spark.resource.ExecutorResourceRequests;
import org.apache.spark.resource.ResourceProfile;
import org.apache.spark.resource.ResourceProfileBuilder;
import org.apache.spark.resource.TaskResourceRequests;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Stage-level scheduling: the CPU stages (ingest, evaluation) and the GPU stages (training, correction) each run
 * under their own {@link ResourceProfile}, chosen by {@code fym.resources.profiles}: {@code task} asks only for
 * task resources (CPUs, one GPU per GPU task) on the executors there are, which Spark allows without dynamic
 * allocation; {@code executor} also describes the executors to start (cores, memory, GPUs), which needs dynamic
 * allocation; {@code none} and local mode leave Spark's defaults. A GPU stage asks for a GPU when the cluster has
 * them (executor profiles, or {@code spark.executor.resource.gpu.amount} set), and otherwise runs as a CPU stage
 * with the GPU stage's CPUs. A GPU task finds its GPU through {@link Devices#forTask()}.
 */
public final class StageResources {
  /** What a stage computes on. */
  public enum Kind { CPU, GPU }

  private StageResources() {}

  /**
   * The rows with the stage that computes them (everything since the last shuffle) under the profile of
   * {@code kind}; the rows unchanged when profiles are off or Spark is local.
   */
  public static Dataset<Row> apply(Dataset<Row> rows, Kind kind, FymConfig config) {
    if (Sessions.isLocal(config) || "none".equals(config.get(FymConfig.RESOURCES_PROFILES))) {
      return rows;
    }
    return rows.sparkSession().createDataFrame(rows.javaRDD().withResources(profile(kind, config)), rows.schema());
  }

  /** The profile of a stage kind under the configured mode ({@code task} or {@code executor}). */
  static ResourceProfile profile(Kind kind, FymConfig config) {
    boolean executors = "executor".equals(config.get(FymConfig.RESOURCES_PROFILES));
    boolean gpu = kind == Kind.GPU && (executors
        || Double.parseDouble(config.sparkSettings().getOrDefault("spark.executor.resource.gpu.amount", "0")) > 0);
    TaskResourceRequests task = new TaskResourceRequests().cpus(config.getInt(kind == Kind.GPU
        ? FymConfig.RESOURCES_GPU_TASK_CPUS : FymConfig.RESOURCES_CPU_TASK_CPUS));
    if (gpu) {
      task.resource(Devices.GPU, 1.0);
    }
    ResourceProfileBuilder builder = new ResourceProfileBuilder().require(task);
    if (executors) {
      ExecutorResourceRequests executor = new ExecutorResourceRequests();
      if (gpu) {
        executor.cores(config.getInt(FymConfig.RESOURCES_GPU_EXECUTOR_CORES))
            .memory(config.get(FymConfig.RESOURCES_GPU_EXECUTOR_MEMORY))
            .resource(Devices.GPU, config.getInt(FymConfig.RESOURCES_GPU_EXECUTOR_GPUS),
                config.get(FymConfig.RESOURCES_GPU_DISCOVERY_SCRIPT), "nvidia.com");
      } else {
        executor.cores(config.getInt(FymConfig.RESOURCES_CPU_EXECUTOR_CORES))
            .memory(config.get(FymConfig.RESOURCES_CPU_EXECUTOR_MEMORY));
      }
      builder.require(executor);
    }
    return builder.build();
  }
}
