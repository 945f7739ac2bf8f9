package ai.fym.udfs.device;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import java.util.Map;
import org.apache.spark.resource.ResourceInformation;
import org.junit.jupiter.api.Test;

/** The task-resources-to-device mapping, with resource maps as Spark hands them to a task. */
class DevicesTest {
  @Test
  void aGpuTaskComputesOnTheGpuSparkAssignedIt() {
    assertEquals(Device.gpu(3), Devices.forResources(Map.of("gpu", new ResourceInformation("gpu",
        new String[] {"3"}))));
    assertEquals(Device.gpu(1), Devices.forResources(Map.of("gpu", new ResourceInformation("gpu",
        new String[] {"1", "2"}), "fpga", new ResourceInformation("fpga", new String[] {"0"}))));
  }

  @Test
  void tasksWithoutAGpuAndCodeOutsideATaskComputeOnTheCpu() {
    assertEquals(Device.cpu(), Devices.forResources(Map.of()));
    assertEquals(Device.cpu(), Devices.forResources(Map.of("gpu", new ResourceInformation("gpu", new String[0]))));
    assertEquals(Device.cpu(), Devices.forTask());
  }
}
