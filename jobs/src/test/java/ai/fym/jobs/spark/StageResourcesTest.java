package ai.fym.jobs.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fym.engine.config.FymConfig;
import ai.fym.udfs.testing.SparkTestBase;
import java.util.Map;
import org.apache.spark.resource.ResourceProfile;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** The stage profiles each mode builds, the executors' thread settings, and that local mode uses neither. */
class StageResourcesTest extends SparkTestBase {
  private static final FymConfig CLUSTER = FymConfig.defaults().with(FymConfig.MASTER, "spark://127.0.0.1:7077");

  @Test
  void taskProfilesAskForCpusAndOneGpuPerGpuTaskWhereExecutorsHaveGpus() {
    FymConfig task = CLUSTER.with(FymConfig.RESOURCES_PROFILES, "task").with(FymConfig.RESOURCES_GPU_TASK_CPUS, "3");
    ResourceProfile cpu = StageResources.profile(StageResources.Kind.CPU, task);
    assertEquals(1, cpu.taskResources().get("cpus").get().amount());
    assertTrue(cpu.executorResources().isEmpty(), "no executor requests: runs on the executors there are");
    ResourceProfile noGpus = StageResources.profile(StageResources.Kind.GPU, task);
    assertEquals(3, noGpus.taskResources().get("cpus").get().amount());
    assertFalse(noGpus.taskResources().contains("gpu"), "a cluster without GPUs trains on CPUs");
    ResourceProfile gpu = StageResources.profile(StageResources.Kind.GPU,
        task.with("spark.executor.resource.gpu.amount", "2"));
    assertEquals(1.0, gpu.taskResources().get("gpu").get().amount());
  }

  @Test
  void executorProfilesDescribeTheExecutorsToStart() {
    FymConfig executor = CLUSTER.with(FymConfig.RESOURCES_PROFILES, "executor")
        .with(FymConfig.RESOURCES_GPU_EXECUTOR_MEMORY, "24g").with(FymConfig.RESOURCES_GPU_EXECUTOR_GPUS, "2");
    ResourceProfile gpu = StageResources.profile(StageResources.Kind.GPU, executor);
    assertEquals(2, gpu.executorResources().get("gpu").get().amount());
    assertEquals(24 * 1024, gpu.executorResources().get("memory").get().amount());
    assertEquals(8, gpu.executorResources().get("cores").get().amount());
    assertEquals(1.0, gpu.taskResources().get("gpu").get().amount());
    ResourceProfile cpu = StageResources.profile(StageResources.Kind.CPU, executor);
    assertFalse(cpu.executorResources().contains("gpu"));
    assertEquals(4, cpu.executorResources().get("cores").get().amount());
  }

  @Test
  void localModeKeepsSparksDefaults() {
    Dataset<Row> rows = spark().range(3).toDF();
    FymConfig local = FymConfig.defaults().with(FymConfig.RESOURCES_PROFILES, "executor");
    assertSame(rows, StageResources.apply(rows, StageResources.Kind.GPU, local));
    assertTrue(Sessions.isLocal(local));
    assertFalse(Sessions.isLocal(CLUSTER));
  }

  @Test
  void eachTaskGetsItsCpusWorthOfDjlAndBlasThreads() {
    Map<String, String> threads = Sessions.executorThreads(CLUSTER.with("spark.task.cpus", "2")
        .with("spark.executor.extraJavaOptions", "-Dai.djl.offline=true"));
    assertEquals("2", threads.get("spark.executorEnv.OMP_NUM_THREADS"));
    assertEquals("2", threads.get("spark.executorEnv.OPENBLAS_NUM_THREADS"));
    assertEquals("-Dai.djl.offline=true -Dai.djl.pytorch.num_threads=2 -Dai.djl.pytorch.num_interop_threads=1",
        threads.get("spark.executor.extraJavaOptions"));
    assertEquals("3", Sessions.executorThreads(CLUSTER.with(FymConfig.EXECUTOR_THREADS, "3"))
        .get("spark.executorEnv.MKL_NUM_THREADS"));
  }
}
