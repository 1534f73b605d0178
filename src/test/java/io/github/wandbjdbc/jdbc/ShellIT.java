package io.github.wandbjdbc.jdbc;

import io.github.wandbjdbc.support.SqlRows;
import io.github.wandbjdbc.support.TestServerExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * {@code java -jar wandb-jdbc-<version>.jar}: the SQL shell of the packaged jar, run as users run
 * it, in a process of its own against the test server.
 */
class ShellIT {
  @RegisterExtension
  static final TestServerExtension SERVER = new TestServerExtension();

  private static final Path JAR = Path.of(System.getProperty("wandbjdbc.test.driverJar",
      "target/wandb-jdbc.jar"));
  /** util-linux script, which gives the shell a pseudo-terminal (Debian package bsdutils). */
  private static final Path SCRIPT = Path.of("/usr/bin/script");
  private static final String CRASHED = "SELECT run_id, state, \"config.lr\", tags FROM runs"
      + " WHERE state = 'crashed' ORDER BY run_id LIMIT 5";

  /** What a finished process printed. */
  private record Outcome(int exit, String out, String err) {}

  private static String url() {
    return WandbDriver.PREFIX + "baseUrl=" + SERVER.server().baseUrl() + ";entity="
        + TestServerExtension.ENTITY + ";project=" + TestServerExtension.BIG_PROJECT;
  }

  /** Runs the jar with the key in the environment, as the README advises. */
  private static Outcome shell(String stdin, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(java(), "-jar", JAR.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("WANDB_API_KEY", SERVER.apiKey());
    pb.environment().put("HOME", Files.createTempDirectory("shell-home").toString());
    Path out = Files.createTempFile("shell", ".out");
    Path err = Files.createTempFile("shell", ".err");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    try (OutputStream in = p.getOutputStream()) {
      in.write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    assertTrue(p.waitFor(90, TimeUnit.SECONDS), "the shell ends");
    return new Outcome(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  @Test
  void oneStatementAsCsvPrintsTheRowsAndExitsZero() throws Exception {
    Outcome o = shell("", "-u", url(), "-e", CRASHED, "--format", "csv");
    assertEquals(0, o.exit(), o.err());
    List<String> lines = o.out().lines().collect(Collectors.toList());
    assertEquals("\"run_id\",\"state\",\"config.lr\",\"tags\"", lines.get(0));
    List<String> expected = new ArrayList<>();
    try (Connection c = SERVER.connect()) {
      for (List<Object> row : SqlRows.query(c, CRASHED)) {
        expected.add(row.stream().map(v -> "\"" + String.valueOf(v).replace("\"", "\"\"") + "\"")
            .collect(Collectors.joining(",")));
      }
    }
    assertEquals(5, expected.size());
    assertEquals(expected, lines.subList(1, lines.size()));
    assertFalse(o.err().contains(SERVER.apiKey()) || o.out().contains(SERVER.apiKey()));
  }

  @Test
  void jsonFormatIsJson() throws Exception {
    Outcome o = shell("", "-u", url(), "-e", "SELECT state, COUNT(*) AS n FROM runs"
        + " GROUP BY state ORDER BY state", "--format", "json");
    assertEquals(0, o.exit(), o.err());
    JsonNode rows = new ObjectMapper().readTree(o.out()).get("resultset");
    List<List<Object>> expected;
    try (Connection c = SERVER.connect()) {
      expected = SqlRows.query(c, "SELECT state, COUNT(*) FROM runs GROUP BY state ORDER BY state");
    }
    assertEquals(expected.size(), rows.size());
    for (int i = 0; i < rows.size(); i++) {
      assertEquals(expected.get(i).get(0), rows.get(i).get("state").asText());
      assertEquals(((Number) expected.get(i).get(1)).longValue(), rows.get(i).get("n").asLong());
    }
  }

  @Test
  void aBadStatementExitsNonZeroWithTheErrorOnStderr() throws Exception {
    Outcome o = shell("", "-u", url(), "-e", "SELECT no_such_column FROM runs", "--format", "csv");
    assertEquals(1, o.exit());
    assertEquals("", o.out());
    assertTrue(o.err().contains("Error: ") && o.err().contains("no_such_column")
        && o.err().contains("state=42000"), o.err());
    assertFalse(o.err().contains("\tat "), "no stack trace: " + o.err());
  }

  @Test
  void aWrongKeyExitsNonZeroWithoutShowingTheKey() throws Exception {
    String wrong = "wandbjdbc_wrong_key_" + "1".repeat(24);
    Outcome o = shell("", "-u", url() + ";apiKey=" + wrong, "-e", "SELECT 1", "--format", "csv");
    assertEquals(1, o.exit());
    assertTrue(o.err().contains("28000"), o.err());
    assertFalse(o.err().contains(wrong) || o.out().contains(wrong), o.err());
  }

  @Test
  void unknownFormatIsAUsageError() throws Exception {
    Outcome o = shell("", "-e", "SELECT 1", "--format", "xml");
    assertEquals(2, o.exit());
    assertTrue(o.err().contains("Unknown format 'xml'"), o.err());
  }

  @Test
  void interactiveShellRunsMultiLineStatementsAndListsTables() throws Exception {
    Outcome o = shell("SELECT COUNT(*)\n  FROM runs\n  WHERE state = 'crashed';\n!tables\n!quit\n",
        "-u", url());
    assertEquals(0, o.exit(), o.err());
    long crashed;
    try (Connection c = SERVER.connect()) {
      crashed = ((Number) SqlRows.query(c,
          "SELECT COUNT(*) FROM runs WHERE state = 'crashed'").get(0).get(0)).longValue();
    }
    assertTrue(o.out().contains("| " + crashed + " "), o.out());
    for (String table : List.of("runs", "history", "system_metrics", "files", "artifacts",
        "lineage", "sweeps", "projects")) {
      assertTrue(o.out().contains("| " + table + " "), table + " in " + o.out());
    }
    assertTrue(o.out().contains("wandb:demo-team/resnet-sweep> "), "the prompt names the project");
  }

  /**
   * In a terminal (a pseudo-terminal made by util-linux {@code script}), a long statement shows
   * what it has fetched on the line it rewrites, and Ctrl-C cancels the statement, not the
   * shell, which goes on to the next one.
   */
  @Test
  void inATerminalLongStatementsShowProgressAndCtrlCCancelsOnlyTheStatement() throws Exception {
    Path out = Files.createTempFile("pty", ".out");
    // Ctrl-C set back to its default first: a test JVM forked by a build started in the
    // background inherits SIGINT ignored, and then no Ctrl-C would reach the shell (the next test).
    Process p = inATerminal("env --default-signal=INT", out);
    OutputStream keys = p.getOutputStream();
    waitFor(out, "wandb:demo-team/resnet-sweep> ", 60);
    type(keys, "SELECT COUNT(*) FROM history;\r");
    waitFor(out, " history rows", 60);
    // A second progress line: the statement is well under way, past sqlline's own start of it
    // (a Ctrl-C at the very first line was once ignored on a busy CI machine).
    waitFor(out, " history rows", 2, 60);
    type(keys, "\u0003");
    waitFor(out, "HY008", 30);
    type(keys, "SELECT COUNT(*) AS crashed_runs FROM runs WHERE state = 'crashed';\r");
    waitFor(out, "1 row selected", 30);
    type(keys, "!quit\r");
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the shell ends after !quit");
    String screen = Files.readString(out);
    assertTrue(screen.matches("(?s).*fetched [0-9,]+ of 2,000 runs, [0-9,]+ history rows.*"),
        screen);
    assertTrue(screen.contains("The statement was cancelled"), screen);
    // The runs read to learn the columns are not the statement's: never more runs than there are.
    java.util.regex.Matcher line =
        java.util.regex.Pattern.compile("fetched ([0-9,]+) of ([0-9,]+) runs").matcher(screen);
    while (line.find()) {
      assertTrue(Long.parseLong(line.group(1).replace(",", ""))
          <= Long.parseLong(line.group(2).replace(",", "")), line.group());
    }
    assertEquals(0, p.exitValue(), screen);
  }

  /**
   * Started with SIGINT ignored, as nohup and background jobs start programs, the shell cannot
   * be interrupted; it says so instead of letting Ctrl-C do nothing without a word.
   */
  @Test
  void startedWithCtrlCIgnoredTheShellSaysCtrlCCannotCancel() throws Exception {
    Path out = Files.createTempFile("pty", ".out");
    Process p = inATerminal("env --ignore-signal=INT", out);
    waitFor(out, "wandb:demo-team/resnet-sweep> ", 60);
    type(p.getOutputStream(), "!quit\r");
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the shell ends after !quit");
    String screen = Files.readString(out);
    assertTrue(screen.contains("started with Ctrl-C (SIGINT) ignored")
        && screen.contains("Ctrl-C cannot cancel a running statement"), screen);
    assertEquals(0, p.exitValue(), screen);
  }

  /**
   * The shell in a pseudo-terminal made by util-linux {@code script}, its screen written to
   * {@code out}; {@code launcher} runs before java and sets how SIGINT starts.
   */
  private static Process inATerminal(String launcher, Path out) throws Exception {
    // Fails rather than skips: a skipped test would pass CI with the terminal behaviour untested.
    assertTrue(Files.isExecutable(SCRIPT), SCRIPT + " is missing: this test runs the shell in a"
        + " pseudo-terminal made by util-linux script. Install it (on Debian and Ubuntu: apt-get"
        + " install bsdutils, util-linux's package of it) or run .ci/run, which installs it when"
        + " missing.");
    // A pseudo-terminal starts without a size; real terminals have one. The shell that script
    // starts is replaced by java (exec): Ctrl-C signals the whole foreground process group, and
    // dash, which is /bin/sh on Debian, exits 130 after an interrupt even when its child handled it.
    String command = String.join(" ", "stty cols 160 rows 50;", "exec", launcher, quote(java()),
        "-jar", quote(JAR.toString()), "-u", quote(url()));
    ProcessBuilder pb = new ProcessBuilder(SCRIPT.toString(), "-qfec", command, "/dev/null");
    pb.environment().put("SHELL", "/bin/sh"); // what script runs the command with, as on CI
    pb.environment().put("WANDB_API_KEY", SERVER.apiKey());
    pb.environment().put("HOME", Files.createTempDirectory("shell-home").toString());
    pb.redirectErrorStream(true);
    pb.redirectOutput(out.toFile());
    return pb.start();
  }

  private static void type(OutputStream keys, String text) throws IOException {
    keys.write(text.getBytes(StandardCharsets.UTF_8));
    keys.flush();
  }

  private static void waitFor(Path out, String text, int seconds) throws Exception {
    waitFor(out, text, 1, seconds);
  }

  /** Until {@code text} has appeared {@code times} times (progress lines are rewritten with \r). */
  private static void waitFor(Path out, String text, int times, int seconds) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < end) {
      String screen = Files.readString(out);
      if (screen.split(java.util.regex.Pattern.quote(text), -1).length > times) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no '" + text + "' in: " + Files.readString(out));
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }
}
