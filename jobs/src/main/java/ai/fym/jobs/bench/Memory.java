package ai.fym.jobs.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Peak resident memory of this process, from Linux's {@code /proc/self/status} (VmHWM). */
final class Memory {
  private Memory() {}

  static double peakResidentMiB() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
      }
    }
    throw new IOException("/proc/self/status has no VmHWM line");
  }
}
