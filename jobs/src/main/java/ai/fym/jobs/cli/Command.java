package ai.fym.jobs.cli;

import java.util.List;

/** One {@code bin/fym} command: its name, a one-line summary, its help text and its action. */
public interface Command {
  String name();

  String summary();

  /** The full {@code --help} text: usage line, options, an example. */
  String help();

  /** Options this command accepts, besides the global ones. */
  List<String> options();

  /** Options among {@link #options()} that take no value. */
  default List<String> flags() {
    return List.of();
  }

  /** Runs the command; returns the process exit code. */
  int run(Context context, Args args) throws Exception;
}
