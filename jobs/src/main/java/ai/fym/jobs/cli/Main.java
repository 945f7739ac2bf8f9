package ai.fym.jobs.cli;

import ai.fym.engine.config.FymConfig;
import ai.fym.engine.errors.Errors;
import ai.fym.engine.errors.FymException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The entry point behind {@code bin/fym} (and {@code spark-submit --class ai.fym.jobs.cli.Main}):
 * {@code fym [--out ROOT] [--conf FILE] [--master URL] [--set KEY=VALUE ...] <command> [options]}.
 * Parses the global options into a {@link FymConfig}, runs the command, prints a clear message and
 * exits non-zero on failure.
 */
public final class Main {
  private static final List<String> GLOBAL = List.of("out", "conf", "master", "set");
  private static final Map<String, Command> COMMANDS = new TreeMap<>();

  static {
    for (Command c : List.of(new IngestCommand(), new EditCommand(), new TrajectoriesCommand(), new AvatarsCommand(),
        new ReenactCommand(),
        new CorrectCommand(), new EvaluateCommand(), new SweepCommand(),
        new QcCommand(), new ReportCommand(), new SqlCommand(), new DemoCommand(), new BenchCommand(),
        new StatusCommand(), new GcCommand(), new SoakCommand())) {
      COMMANDS.put(c.name(), c);
    }
  }

  private Main() {}

  public static void main(String[] argv) {
    System.exit(run(Arrays.asList(argv), System.out));
  }

  /** Runs one command line; returns the exit code. */
  public static int run(List<String> argv, PrintStream out) {
    int split = commandIndex(argv);
    if (split < 0 || argv.get(split).equals("help")) {
      out.print(usage());
      return split < 0 && !argv.contains("--help") && !argv.contains("-h") ? 2 : 0;
    }
    Command command = COMMANDS.get(argv.get(split));
    if (command == null) {
      out.println("fym: unknown command '" + Errors.printable(argv.get(split)) + "'\n");
      out.print(usage());
      return 2;
    }
    List<String> rest = argv.subList(split + 1, argv.size());
    if (rest.contains("--help") || rest.contains("-h")) {
      out.print(command.help());
      return 0;
    }
    try {
      Args global = Args.parse(argv.subList(0, split), List.of());
      global.rejectUnknown(GLOBAL);
      Args args = Args.parse(rest, command.flags());
      List<String> known = new ArrayList<>(command.options());
      known.addAll(GLOBAL);
      args.rejectUnknown(known);
      FymConfig config = configure(global, args);
      try (Context context = new Context(config, out, recorded(argv.subList(split, argv.size())))) {
        int code = command.run(context, args);
        context.finished(code);
        return code;
      }
    } catch (IllegalArgumentException | FymException e) {
      out.println("fym " + command.name() + ": " + e.getMessage());
      return 2;
    } catch (Exception e) {
      out.println("fym " + command.name() + " failed: " + e);
      if (System.getenv("FYM_DEBUG") != null) {
        e.printStackTrace(out);
      } else {
        out.println("(set FYM_DEBUG=1 for the stack trace)");
      }
      return 1;
    }
  }

  /** Defaults, then --conf, then --master/--out/--set, global options first, then the command's. */
  static FymConfig configure(Args global, Args local) throws java.io.IOException {
    FymConfig config = FymConfig.defaults();
    for (Args a : List.of(global, local)) {
      for (String file : a.all("conf")) {
        config = config.withFile(Path.of(file));
      }
    }
    for (Args a : List.of(global, local)) {
      if (a.has("master")) {
        config = config.with(FymConfig.MASTER, a.get("master", null));
      }
      if (a.has("out")) {
        config = config.with(FymConfig.OUT, a.get("out", null));
      }
      for (String kv : a.all("set")) {
        int eq = kv.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException("--set needs KEY=VALUE, got '" + Errors.printable(kv) + "'");
        }
        config = config.with(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
      }
    }
    return config;
  }

  /** The command line as the runs table keeps it: credentials given as {@code KEY=VALUE} redacted. */
  static String recorded(List<String> words) {
    return words.stream().map(w -> {
      int eq = w.indexOf('=');
      return eq > 0 && FymConfig.isSecret(w.substring(0, eq)) ? w.substring(0, eq + 1) + FymConfig.REDACTED : w;
    }).collect(Collectors.joining(" "));
  }

  private static int commandIndex(List<String> argv) {
    for (int i = 0; i < argv.size(); i++) {
      String w = argv.get(i);
      if (w.startsWith("--") || w.equals("-h")) {
        if (GLOBAL.contains(w.substring(2))) {
          i++;
        }
        continue;
      }
      return i;
    }
    return -1;
  }

  static String usage() {
    StringBuilder b = new StringBuilder();
    b.append("usage: bin/fym [--out ROOT] [--conf FILE] [--master URL] [--set KEY=VALUE] <command> [options]\n\n");
    b.append("Makes edited talking-head videos temporally consistent, at corpus scale (local Spark by default).\n\n");
    b.append("commands:\n");
    COMMANDS.values().forEach(c -> b.append(String.format("  %-12s %s%n", c.name(), c.summary())));
    b.append(String.format("  %-12s %s%n", "test", "run the test suite (fetches the sample media first)"));
    b.append("\nglobal options:\n");
    b.append("  --out ROOT        output root: a folder or s3a://bucket/prefix (default ./fym-data)\n");
    b.append("  --conf FILE       a configuration file (key=value lines; see conf/local.conf)\n");
    b.append("  --master URL      Spark master (default local[*])\n");
    b.append("  --set KEY=VALUE   override one configuration key (repeatable)\n");
    b.append("\nbin/fym <command> --help shows a command's options.\n");
    return b.toString();
  }
}
