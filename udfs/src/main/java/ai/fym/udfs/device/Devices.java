package ai.fym.udfs.device;

import ai.djl.Device;
import java.util.Map;
import org.apache.spark.TaskContext;
import org.apache.spark.resource.ResourceInformation;

/**
 * The one mapping from a Spark task's resources to the DJL device it computes on. Spark assigns a GPU task its
 * GPU addresses ({@code TaskContext.resourcesJMap().get("gpu")}) but sets no {@code CUDA_VISIBLE_DEVICES}, and DJL
 * would default to gpu0 on every task; so each GPU stage asks {@link #forTask()} instead. Local mode, CPU stages
 * and tasks without a GPU get the CPU.
 */
public final class Devices {
  /** The resource name Spark's GPU scheduling uses. */
  public static final String GPU = "gpu";

  private Devices() {}

  /** The device of the Spark task running on this thread (the CPU outside a task). */
  public static Device forTask() {
    TaskContext task = TaskContext.get();
    return task == null ? Device.cpu() : forResources(task.resourcesJMap());
  }

  /** The first GPU address among a task's resources as a DJL GPU, else the CPU. */
  public static Device forResources(Map<String, ResourceInformation> resources) {
    ResourceInformation gpu = resources.get(GPU);
    if (gpu == null || gpu.addresses().length == 0) {
      return Device.cpu();
    }
    return Device.gpu(Integer.parseInt(gpu.addresses()[0].trim()));
  }
}
