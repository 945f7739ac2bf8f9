package ai.fym.jobs.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes one benchmark's figures into {@code docs/BENCHMARKS.md} between its own markers, keeping the
 * other benchmarks' sections, with the command, the date and the machine that produced them.
 */
public final class BenchmarkReport {
  private BenchmarkReport() {}

  public static void write(Path file, String name, String command, List<Figure> figures)
      throws IOException {
    String begin = "<!-- bench:" + name + " -->";
    String end = "<!-- /bench:" + name + " -->";
    String section = begin + "\n## " + name + "\n\n"
        + "Command: `" + command + "`  \n"
        + "Date: " + LocalDate.now() + "  \n"
        + "Machine: " + machine() + "\n\n"
        + "| figure | value | target (ratio) |\n|---|---|---|\n"
        + figures.stream().map(Figure::markdownRow).collect(Collectors.joining("\n"))
        + "\n" + end;
    String text = Files.exists(file) ? Files.readString(file)
        : "# Benchmarks\n\nLatest figures of each `bin/fym bench` command, rewritten by the command itself.\n";
    int b = text.indexOf(begin);
    int e = text.indexOf(end);
    text = b >= 0 && e > b ? text.substring(0, b) + section + text.substring(e + end.length())
        : text.stripTrailing() + "\n\n" + section + "\n";
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, text);
  }

  static String machine() throws IOException {
    String cpu = "unknown CPU";
    Path info = Path.of("/proc/cpuinfo");
    if (Files.exists(info)) {
      cpu = Files.readAllLines(info).stream().filter(l -> l.startsWith("model name")).findFirst()
          .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(cpu);
    }
    return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), "
        + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB max heap, Java " + System.getProperty("java.version");
  }
}
