package io.github.wandbjdbc.shell;

import sqlline.SqlLine;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * {@code java -jar wandb-jdbc.jar}: an interactive SQL shell on {@code jdbc:wandb:} (sqlline),
 * or with {@code -e SQL} one statement whose result goes to standard output. The exit status is
 * 0 on success and 1 when a statement or the connection failed, so scripts can rely on it.
 */
public final class WandbShell {
  /**
   * jline warns through java.util.logging when no terminal is attached (a pipe, a script), which
   * is expected there. In the jar, shading rewrites this name along with jline's. Held here so
   * the level is not lost with a collected logger.
   */
  private static final Logger JLINE_LOG = Logger.getLogger("org.jline");

  private WandbShell() {}

  public static void main(String[] args) throws IOException {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the shell; returns the exit status. */
  public static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
    ShellOptions options;
    try {
      options = ShellOptions.parse(args);
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return 2;
    }
    if (options.help()) {
      out.print(ShellOptions.USAGE);
      return 0;
    }
    boolean terminal = System.console() != null;
    if (terminal && options.statement().isEmpty() && InterruptSignal.ignored()) {
      err.println("Note: this shell was started with Ctrl-C (SIGINT) ignored, as nohup and"
          + " background jobs start programs, so Ctrl-C cannot cancel a running statement."
          + " Start the shell in the foreground of a terminal to use it.");
    }
    List<String> sqlline = new ArrayList<>(List.of("-ac", ShellApplication.class.getName()));
    sqlline.addAll(options.sqllineArguments(terminal));
    sqlline.add("--historyfile=" + historyFile());
    JLINE_LOG.setLevel(Level.SEVERE);
    SqlLine shell = new SqlLine();
    shell.setOutputStream(out);
    shell.setErrorStream(err);
    PrintStream systemErr = System.err;
    if (options.statement().isPresent() && !options.verbose()) {
      // sqlline prints the stack trace of any error during its start-up, which is where -e runs,
      // straight to System.err; the one-line "Error: … (state=…)" it also writes is what a
      // script wants. Logging keeps the real stderr: its handler is created first.
      LogManager.getLogManager().getLogger("").getHandlers();
      System.setErr(new PrintStream(OutputStream.nullOutputStream()));
    }
    try {
      SqlLine.Status status = shell.begin(sqlline.toArray(String[]::new), null, true);
      return status == SqlLine.Status.OK ? 0 : 1;
    } finally {
      System.setErr(systemErr);
    }
  }

  /** The shell's own history, not sqlline's: its statements are W&B SQL. */
  private static Path historyFile() throws IOException {
    Path dir = Path.of(System.getProperty("user.home"), ".wandb-jdbc");
    Files.createDirectories(dir);
    return dir.resolve("shell_history");
  }
}
