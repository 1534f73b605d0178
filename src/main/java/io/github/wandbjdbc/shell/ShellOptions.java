package io.github.wandbjdbc.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The shell's command line: our few options, turned into sqlline's. Everything we do not know is
 * handed to sqlline as it is, so its own options ({@code --maxWidth=…}, {@code -f file}) work.
 *
 * @param url the JDBC URL to connect to; {@code jdbc:wandb:} reads the key from the environment
 * @param statement {@code -e}: run this and exit
 * @param format the output format: table, csv, json, tsv or vertical
 * @param help whether to print the usage and exit
 * @param passThrough the other arguments, for sqlline
 */
record ShellOptions(String url, Optional<String> statement, String format, boolean help,
    List<String> passThrough) {
  static final String DEFAULT_URL = "jdbc:wandb:";
  static final Set<String> FORMATS = Set.of("table", "csv", "json", "tsv", "vertical");

  static final String USAGE = """
      Usage: java -jar wandb-jdbc.jar [-u URL] [-e SQL] [--format table|csv|json] [sqlline options]

        -u URL         JDBC URL (default jdbc:wandb:, which reads WANDB_API_KEY, ~/.netrc or
                       the wandb settings like the wandb client), e.g.
                       jdbc:wandb:entity=my-team;project=my-project
        -e SQL         run one statement, print its result and exit (non-zero on error)
        --format F     table (default), csv, json, tsv or vertical
        -n USER -p KEY the API key as password (prefer WANDB_API_KEY: arguments are visible
                       to other users of the machine)
        --help         this text

      In the shell: end statements with ';', !tables lists tables, !columns TABLE its
      columns, !help the commands, !quit leaves. Ctrl-C cancels the running query.
      """;

  /** Reads the command line; throws IllegalArgumentException with a message for the user. */
  static ShellOptions parse(String... args) {
    String url = DEFAULT_URL;
    String statement = null;
    String format = "table";
    boolean help = false;
    List<String> rest = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "-u" -> url = value(args, ++i, a);
        case "-e" -> statement = value(args, ++i, a);
        case "--format" -> format = value(args, ++i, a);
        case "-h", "--help", "-help" -> help = true;
        default -> {
          if (a.startsWith("--format=")) {
            format = a.substring("--format=".length());
          } else {
            rest.add(a);
          }
        }
      }
    }
    if (!FORMATS.contains(format)) {
      throw new IllegalArgumentException("Unknown format '" + format + "': use one of "
          + "table, csv, json, tsv, vertical.");
    }
    return new ShellOptions(url, Optional.ofNullable(statement), format, help, List.copyOf(rest));
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value. " + "Try --help.");
    }
    return args[i];
  }

  /**
   * sqlline's arguments for these options.
   *
   * @param terminal whether the shell runs in a terminal: then statements show their progress
   *     on standard error
   */
  List<String> sqllineArguments(boolean terminal) {
    List<String> out = new ArrayList<>();
    out.add("-u");
    out.add(terminal ? withProgress(url) : url);
    // Tab completion would read the columns of every table of every project at connect.
    out.add("--fastConnect=true");
    out.add("--connectInteractionMode=notAskCredentials");
    out.add("--outputformat=" + format);
    // RFC 4180 quoting; sqlline's default is a single quote.
    out.add("--csvQuoteCharacter='\"'");
    out.add("--isolation=TRANSACTION_NONE");
    out.add("--showWarnings=false");
    out.addAll(passThrough);
    statement.ifPresent(sql -> {
      out.add("--silent=true");
      out.add("-e");
      out.add(sql);
    });
    return out;
  }

  /** The URL with {@code progress=true} unless it says otherwise. */
  static String withProgress(String url) {
    if (url.toLowerCase(Locale.ROOT).contains("progress=")) {
      return url;
    }
    return url + (url.endsWith(":") || url.endsWith(";") ? "" : ";") + "progress=true";
  }

  /** Whether the user asked for stack traces. */
  boolean verbose() {
    return passThrough.contains("--verbose=true") || passThrough.contains("--verbose");
  }
}
