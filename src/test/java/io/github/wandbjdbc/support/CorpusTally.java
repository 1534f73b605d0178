package io.github.wandbjdbc.support;

import io.github.wandbjdbc.jdbc.SqlStates;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Runs the inputs of one bad-input family and counts how each ended. An input may end in rows the
 * attempt itself found correct, or in an {@code SQLException} with a five-character SQLState of a
 * definite class, a message that says what went wrong and no trace of the API key; anything else
 * (another Throwable, a null state, rows the attempt judged wrong) is a failure, kept with the
 * input's label so that all of them are reported together at the end.
 *
 * <p>HY000 ("general error") is a failure too: the driver gives it only for what it did not
 * foresee ("failed unexpectedly, please report"), so a bad input that ends there is a bad input
 * the driver does not recognise as such, and the user learns neither what is wrong nor what to do.
 * Messages that say nothing (no text, a bare "null", just an exception's class name, the
 * catch-all's wording) fail for the same reason, whatever their state.
 */
public final class CorpusTally {
  private static final int MAX_LISTED = 20;
  /**
   * What the driver's catch-all says (SqlErrors.translate): an error it did not foresee. Not any
   * "please report": a protocol violation (08P01) rightly asks for W&B's server version.
   */
  private static final List<String> CATCH_ALL_WORDING = List.of("failed unexpectedly",
      "please report this with the sql statement");
  /** A message that is only an exception class name, e.g. "java.lang.NullPointerException". */
  private static final Pattern CLASS_NAME_ONLY = Pattern.compile(
      "(?:[a-z_$][\\w$]*\\.)+[A-Z][\\w$]*(?:: ?null)?");

  /** One input: returns empty when its rows are correct, else what is wrong with them. */
  public interface Attempt {
    Optional<String> run() throws Exception;
  }

  private final String family;
  private final String apiKey;
  private final long startNanos = System.nanoTime();
  private final Map<String, Integer> byState = new TreeMap<>();
  private final List<String> failures = new ArrayList<>();
  private int inputs;
  private int rows;

  public CorpusTally(String family, String apiKey) {
    this.family = family;
    this.apiKey = apiKey;
  }

  public void attempt(String label, Attempt attempt) {
    inputs++;
    try {
      Optional<String> wrong = attempt.run();
      if (wrong.isPresent()) {
        failures.add(label + ": wrong rows: " + wrong.get());
      } else {
        rows++;
      }
    } catch (SQLException e) {
      Optional<String> problem = problemWith(e);
      if (problem.isPresent()) {
        failures.add(label + ": " + problem.get());
      } else {
        byState.merge(e.getSQLState(), 1, Integer::sum);
      }
    } catch (Throwable t) {
      failures.add(label + ": " + t.getClass().getName() + " escaped: " + shorten(t.toString()));
    }
  }

  /** Records a failure that is not an input's outcome (e.g. a corpus entry that is unsafe to run). */
  public void fail(String label, String why) {
    failures.add(label + ": " + why);
  }

  private Optional<String> problemWith(SQLException e) {
    String state = e.getSQLState();
    if (state == null || state.length() != 5) {
      return Optional.of("SQLException with SQLState " + state + ": " + shorten(e.toString()));
    }
    if (e.getMessage() == null || e.getMessage().isBlank()) {
      return Optional.of("SQLException " + state + " without a message");
    }
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    if (e.getMessage().contains(apiKey) || trace.toString().contains(apiKey)) {
      return Optional.of("the API key appears in the SQLException " + state);
    }
    if (SqlStates.GENERAL_ERROR.equals(state)) {
      return Optional.of("SQLState HY000, the driver's catch-all, not a definite class: "
          + shorten(e.toString()));
    }
    return genericMessage(e.getMessage()).map(generic -> "SQLException " + state + " with "
        + generic + ": " + shorten(e.toString()));
  }

  /** Why a message tells the user nothing, or empty when it says something. */
  static Optional<String> genericMessage(String message) {
    String m = message.strip();
    String lower = m.toLowerCase(Locale.ROOT);
    for (String words : CATCH_ALL_WORDING) {
      if (lower.contains(words)) {
        return Optional.of("the catch-all's message (\"" + words + "\")");
      }
    }
    if (lower.equals("null") || lower.equals("(no message)") || lower.endsWith(": null")) {
      return Optional.of("a message without content");
    }
    if (CLASS_NAME_ONLY.matcher(m).matches()) {
      return Optional.of("only an exception class name as message");
    }
    return Optional.empty();
  }

  public String family() {
    return family;
  }

  public int inputs() {
    return inputs;
  }

  List<String> failures() {
    return failures;
  }

  /** The one line for the release note. */
  public String summary() {
    int errors = byState.values().stream().mapToInt(Integer::intValue).sum();
    return String.format("bad-input corpus, %s: %d inputs, %d ended in correct results (rows or"
            + " a working connection), %d in SQLException %s, %d failures, %.1f s", family, inputs, rows, errors, byState,
        failures.size(), (System.nanoTime() - startNanos) / 1e9);
  }

  /** Fails listing up to twenty offending inputs, when there are any. */
  public void assertNoFailures() {
    if (failures.isEmpty()) {
      return;
    }
    StringBuilder out = new StringBuilder(family + ": " + failures.size() + " of " + inputs
        + " inputs ended wrongly:");
    failures.stream().limit(MAX_LISTED).forEach(f -> out.append("\n  ").append(f));
    if (failures.size() > MAX_LISTED) {
      out.append("\n  … and ").append(failures.size() - MAX_LISTED).append(" more");
    }
    throw new AssertionError(out.toString());
  }

  static String shorten(String s) {
    String oneLine = s.replaceAll("\\s+", " ");
    return oneLine.length() <= 300 ? oneLine : oneLine.substring(0, 300) + "…";
  }
}
