package ai.fym.engine.hashgrid;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HashGridBenchmarkTest {

  @Test
  void measuresPositiveFiniteThroughput() {
    try (HashGridCpu grid = new HashGridCpu(HashGridCpuTest.SMALL, 1L, 2)) {
      HashGridBenchmark.Throughput t = HashGridBenchmark.measure(grid, 20_000, 1, 3, 2L);
      assertTrue(t.forwardPointsPerSecond() > 0 && Double.isFinite(t.forwardPointsPerSecond()));
      assertTrue(t.forwardBackwardPointsPerSecond() > 0 && Double.isFinite(t.forwardBackwardPointsPerSecond()));
    }
  }

  @Test
  void rejectsEmptyRuns() {
    try (HashGridCpu grid = new HashGridCpu(HashGridCpuTest.SMALL, 1L, 1)) {
      assertThrows(IllegalArgumentException.class, () -> HashGridBenchmark.measure(grid, 0, 1, 1, 2L));
    }
  }
}
