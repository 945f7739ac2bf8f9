package ai.fym.jobs.notebook;

import ai.fym.jobs.cluster.JavaProcesses;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;

/**
 * Runs a JJava notebook's code cells in order, as the kernel would, through JShell in a separate JVM (Jupyter is
 * not installed where the tests run): kernel magics ({@code %jars}) are skipped, this test JVM's classpath and
 * flags stand in for them, and {@code -Dfym.tables} points the notebook at a table folder a test wrote. Any
 * snippet that does not compile or throws fails the run with the cell and the error.
 */
public final class NotebookRunner {
  private NotebookRunner() {}

  /** Runs the notebook's code against {@code tables}; returns everything it printed. */
  public static String run(Path notebook, Path tables) throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
    List<String> vmOptions = new ArrayList<>(List.of("-Xmx1g", "-Dfym.tables=" + tables));
    vmOptions.addAll(JavaProcesses.jvmFlags());
    try (JShell shell = JShell.builder().out(out).err(out).remoteVMOptions(vmOptions.toArray(String[]::new))
        .build()) {
      String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
      for (String entry : classpath.split(File.pathSeparator)) {
        shell.addToClasspath(entry);
      }
      int index = 0;
      for (String cell : codeCells(notebook)) {
        index++;
        String rest = cell.lines().filter(l -> !l.startsWith("%")).collect(Collectors.joining("\n"));
        while (!rest.isBlank()) {
          SourceCodeAnalysis.CompletionInfo info = shell.sourceCodeAnalysis().analyzeCompletion(rest);
          if (!info.completeness().isComplete()) {
            throw new AssertionError("code cell " + index + " ends in an incomplete statement:\n" + rest);
          }
          for (SnippetEvent e : shell.eval(info.source())) {
            check(shell, e, index, printed);
          }
          rest = info.remaining();
        }
      }
    }
    return printed.toString(StandardCharsets.UTF_8);
  }

  /** The source of each code cell, in order. */
  static List<String> codeCells(Path notebook) throws Exception {
    List<String> cells = new ArrayList<>();
    for (JsonNode cell : new ObjectMapper().readTree(notebook.toFile()).get("cells")) {
      if ("code".equals(cell.get("cell_type").asText())) {
        JsonNode source = cell.get("source");
        StringBuilder text = new StringBuilder();
        if (source.isArray()) {
          source.forEach(line -> text.append(line.asText()));
        } else {
          text.append(source.asText());
        }
        cells.add(text.toString());
      }
    }
    return cells;
  }

  private static void check(JShell shell, SnippetEvent e, int cell, ByteArrayOutputStream printed) {
    if (e.status() == Snippet.Status.REJECTED) {
      String why = shell.diagnostics(e.snippet()).map(d -> d.getMessage(null)).collect(Collectors.joining("; "));
      throw new AssertionError("code cell " + cell + " does not compile: " + why + "\n" + e.snippet().source());
    }
    if (e.exception() != null) {
      String type = e.exception() instanceof EvalException ee ? ee.getExceptionClassName()
          : e.exception().getClass().getName();
      throw new AssertionError("code cell " + cell + " threw " + type + ": " + e.exception().getMessage() + "\n"
          + e.snippet().source() + "\nprinted so far:\n" + printed.toString(StandardCharsets.UTF_8));
    }
  }
}
