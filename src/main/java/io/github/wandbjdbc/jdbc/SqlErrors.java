package io.github.wandbjdbc.jdbc;

import io.github.wandbjdbc.calcite.common.ColumnValueException;
import io.github.wandbjdbc.client.ApiKey;
import io.github.wandbjdbc.client.RedactedCause;
import io.github.wandbjdbc.client.WandbApiException;

import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.runtime.CalciteException;
import org.apache.calcite.sql.parser.SqlParseException;

import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLNonTransientException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLTransientException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns whatever went wrong under a JDBC call into the {@code SQLException} the user sees: the
 * right SQLState and subclass, a message that says what to do, and never the API key.
 */
final class SqlErrors {
  private static final int MAX_EXPECTED_TOKENS = 5;
  private static final int MAX_SHOWN_NUMBER = 40;
  /** RexBuilder's words for a numeric literal that does not fit its type (a 500-digit LIMIT). */
  private static final Pattern LITERAL_OVERFLOW =
      Pattern.compile("Cannot convert (\\S+) to (.+) due to overflow");
  /** Where Calcite's generated code reads a parameter it needs a value of (LIMIT ?, OFFSET ?). */
  private static final String MISSING_PARAMETER = "DataContext.get(String)\" is null";
  /** The class of Calcite's SQL function library, which generated code calls. */
  private static final String SQL_FUNCTIONS = "org.apache.calcite.runtime.SqlFunctions";

  private SqlErrors() {}

  static SQLException translate(Throwable thrown, ApiKey key) {
    WandbApiException api = find(thrown, WandbApiException.class);
    if (api != null) {
      return fromApi(api, key);
    }
    ColumnValueException value = find(thrown, ColumnValueException.class);
    if (value != null) {
      return new SQLDataException(redact(value.getMessage(), key), SqlStates.DATA_EXCEPTION,
          causeOf(value, key));
    }
    if (find(thrown, StackOverflowError.class) != null) {
      // Before the parse error below: Calcite's parser reports its own stack overflow as a
      // SqlParseException without a message ("SQL syntax error: null").
      return new SQLException("The statement is nested too deeply or too long a chain of"
          + " operators (thousands of ORs, parentheses or subqueries) to parse, plan or run;"
          + " simplify it, e.g. with IN (...) instead of many ORs.", SqlStates.TOO_COMPLEX,
          causeOf(thrown, key));
    }
    CalciteContextException context = find(thrown, CalciteContextException.class);
    if (context != null) {
      return new SQLSyntaxErrorException(redact(withHint(context.getMessage()), key),
          SqlStates.SYNTAX_ERROR_OR_ACCESS_RULE, causeOf(thrown, key));
    }
    SqlParseException parse = find(thrown, SqlParseException.class);
    if (parse != null) {
      return new SQLSyntaxErrorException(redact(parseMessage(parse), key),
          SqlStates.SYNTAX_ERROR_OR_ACCESS_RULE, causeOf(thrown, key));
    }
    RelOptPlanner.CannotPlanException unplannable =
        find(thrown, RelOptPlanner.CannotPlanException.class);
    if (unplannable != null) {
      // Calcite parses and validates it but has no way to run it (PERCENTILE_DISC ... WITHIN
      // GROUP, say): the statement's doing, not a driver failure to report.
      return new SQLFeatureNotSupportedException("The statement uses SQL that the driver"
          + " accepts but cannot run (Calcite has no implementation for one of its operators or"
          + " aggregates, such as PERCENTILE_CONT/PERCENTILE_DISC ... WITHIN GROUP); rewrite that"
          + " part, e.g. with ORDER BY and LIMIT or a window function.",
          SqlStates.FEATURE_NOT_SUPPORTED, causeOf(thrown, key));
    }
    Optional<SQLDataException> data = dataError(thrown, key);
    if (data.isPresent()) {
      return data.get();
    }
    UnsupportedOperationException unsupported = find(thrown, UnsupportedOperationException.class);
    if (unsupported != null
        && String.valueOf(unsupported.getMessage()).startsWith("DDL not supported")) {
      // SET, RESET and the like, which Calcite hands to a DDL executor the driver does not have
      // (writing statements are refused earlier, by ReadOnlyGuard).
      return new SQLFeatureNotSupportedException(redact("The statement is not supported ("
          + unsupported.getMessage() + "): the driver runs queries (SELECT, WITH, VALUES,"
          + " EXPLAIN) and has no session settings; set connection properties in the JDBC URL"
          + " or Properties instead.", key), SqlStates.FEATURE_NOT_SUPPORTED,
          causeOf(thrown, key));
    }
    if (thrown instanceof SQLException sql) {
      String message = redact(sql.getMessage(), key);
      if (sql.getSQLState() != null && message.equals(sql.getMessage()) && !showsKey(sql, key)) {
        return sql;
      }
      String state = sql.getSQLState() != null ? sql.getSQLState() : stateOf(message);
      SQLException copy = new SQLException(message, state, sql.getErrorCode(), causeOf(sql, key));
      return copy;
    }
    return new SQLException(redact("wandb-jdbc failed unexpectedly: " + thrown
        + ". Please report this with the SQL statement.", key), SqlStates.GENERAL_ERROR,
        causeOf(thrown, key));
  }

  /**
   * An error in the data a statement computes with, raised by Calcite's generated code as a plain
   * Java exception: a CAST of a text that is no number or date, a division by zero. It is the
   * statement's doing, not the driver's, so it gets a data-exception state and says so, instead
   * of "failed unexpectedly, please report".
   */
  private static Optional<SQLDataException> dataError(Throwable thrown, ApiKey key) {
    NumberFormatException number = find(thrown, NumberFormatException.class);
    if (number != null) {
      return Optional.of(data("A value cannot be read as a number (" + number.getMessage()
          + "); check the CASTs and comparisons of the statement against the column's values.",
          SqlStates.INVALID_CAST_VALUE, thrown, key));
    }
    ArithmeticException arithmetic = find(thrown, ArithmeticException.class);
    if (arithmetic != null) {
      boolean byZero = String.valueOf(arithmetic.getMessage()).contains("by zero");
      return Optional.of(data(byZero ? "Division by zero." : "Arithmetic out of range ("
          + arithmetic.getMessage() + ").", byZero ? SqlStates.DIVISION_BY_ZERO
          : SqlStates.NUMERIC_OUT_OF_RANGE, thrown, key));
    }
    ClassCastException cast = find(thrown, ClassCastException.class);
    if (cast != null) {
      return Optional.of(data("A value has another type than where the statement uses it ("
          + cast.getMessage() + "); bind parameters with the setter of their SQL type (setLong"
          + " for BIGINT, setString for VARCHAR) and CAST JSON values before comparing them.",
          SqlStates.DATA_EXCEPTION, thrown, key));
    }
    CalciteException calcite = find(thrown, CalciteException.class);
    String calciteSaid = calcite == null ? "" : String.valueOf(calcite.getMessage());
    if (calciteSaid.startsWith("More than one value")) {
      return Optional.of(data("A subquery used as a single value returned more than one row ("
          + calcite.getMessage() + ").", SqlStates.CARDINALITY_VIOLATION, thrown, key));
    }
    if (calciteSaid.startsWith("Invalid character for cast")) {
      // A text compared with or CAST to a BOOLEAN or number it is not ("run_id = TRUE").
      return Optional.of(data("A text cannot be CAST to the type the statement needs ("
          + calciteSaid + "); compare text columns with text, or CAST only texts that hold a"
          + " value of the target type.", SqlStates.INVALID_CAST_VALUE, thrown, key));
    }
    NullPointerException npe = find(thrown, NullPointerException.class);
    if (npe != null && String.valueOf(npe.getMessage()).contains(MISSING_PARAMETER)) {
      return Optional.of(data("A parameter marker (?) where the statement needs a value, such"
          + " as the row count of LIMIT or OFFSET, is NULL or has no value; bind a number with"
          + " PreparedStatement.setInt or setLong (a plain Statement cannot bind parameters).",
          SqlStates.NULL_VALUE_NOT_ALLOWED, thrown, key));
    }
    IllegalArgumentException argument = find(thrown, IllegalArgumentException.class);
    String said = argument == null ? "" : String.valueOf(argument.getMessage());
    if (said.startsWith("Invalid DATE") || said.startsWith("Invalid TIME")
        || said.startsWith("Invalid TIMESTAMP")) {
      String hint = said.contains(" is written ") ? "." : "; a date is written 'YYYY-MM-DD', a"
          + " timestamp 'YYYY-MM-DD HH:MM:SS'.";
      return Optional.of(data(said + hint, SqlStates.INVALID_DATETIME, thrown, key));
    }
    if (said.startsWith("Value of ") && said.contains(" field is out of range")) {
      return Optional.of(data("No such date or time: " + said + ".",
          SqlStates.DATETIME_FIELD_OVERFLOW, thrown, key));
    }
    Matcher overflow = LITERAL_OVERFLOW.matcher(said);
    if (overflow.matches()) {
      return Optional.of(data("The number " + abbreviated(overflow.group(1)) + " does not fit "
          + overflow.group(2) + "; use a smaller one (LIMIT and OFFSET take at most "
          + Long.MAX_VALUE + ").", SqlStates.NUMERIC_OUT_OF_RANGE, thrown, key));
    }
    if (said.startsWith("Cannot take logarithm")) {
      return Optional.of(data(said + ": LN and LOG take positive numbers only.",
          SqlStates.INVALID_LOGARITHM_ARGUMENT, thrown, key));
    }
    if (argument != null && thrownBy(argument, SQL_FUNCTIONS)) {
      // Calcite's SQL functions refuse values they cannot take with this exception; the value
      // comes from the statement or the data, so this is no driver failure.
      return Optional.of(data("A SQL function of the statement cannot take one of its values ("
          + said + ").", SqlStates.INVALID_PARAMETER_VALUE, thrown, key));
    }
    return Optional.empty();
  }

  private static boolean thrownBy(Throwable t, String className) {
    StackTraceElement[] trace = t.getStackTrace();
    return trace.length > 0 && trace[0].getClassName().equals(className);
  }

  /** A 500-digit number as its first digits and its length, for a message one can read. */
  private static String abbreviated(String number) {
    return number.length() <= MAX_SHOWN_NUMBER ? number
        : number.substring(0, MAX_SHOWN_NUMBER) + "… (" + number.length() + " characters)";
  }

  private static SQLDataException data(String message, String state, Throwable cause,
      ApiKey key) {
    return new SQLDataException(redact(message, key), state, causeOf(cause, key));
  }

  /** The SQLState follows the kind; the vendor code is W&B's HTTP status (0 when none). */
  private static SQLException fromApi(WandbApiException e, ApiKey key) {
    String m = redact(e.getMessage(), key);
    int http = e.httpStatus();
    Throwable cause = causeOf(e, key);
    return switch (e.kind()) {
      case AUTHENTICATION -> new SQLInvalidAuthorizationSpecException(m,
          SqlStates.INVALID_AUTHORIZATION, http, cause);
      case PERMISSION -> new SQLSyntaxErrorException(m, SqlStates.INSUFFICIENT_PRIVILEGE, http,
          cause);
      case NOT_FOUND -> new SQLNonTransientException(m, SqlStates.INVALID_SCHEMA_NAME, http, cause);
      case BAD_REQUEST -> new SQLNonTransientException(m, SqlStates.SYNTAX_ERROR_OR_ACCESS_RULE,
          http, cause);
      case GRAPHQL_ERROR -> new SQLFeatureNotSupportedException(m,
          SqlStates.FEATURE_NOT_SUPPORTED, http, cause);
      case RATE_LIMITED -> new SQLTransientException(m, SqlStates.RATE_LIMITED, http, cause);
      case SERVER_ERROR -> new SQLTransientException(m, SqlStates.SERVER_ERROR, http, cause);
      case BAD_ENDPOINT -> new SQLNonTransientConnectionException(m, SqlStates.UNABLE_TO_CONNECT,
          http, cause);
      case UNREACHABLE -> new SQLTransientConnectionException(m, SqlStates.UNABLE_TO_CONNECT,
          http, cause);
      case IO_ERROR -> new SQLTransientConnectionException(m, SqlStates.CONNECTION_FAILURE, http,
          cause);
      case MALFORMED_RESPONSE -> new SQLNonTransientException(m, SqlStates.PROTOCOL_VIOLATION,
          http, cause);
      case QUERY_TIMEOUT -> new SQLTimeoutException(m, SqlStates.TIMEOUT, http, cause);
      case CANCELLED -> new SQLException(m, SqlStates.CANCELLED, http, cause);
    };
  }

  /**
   * Calcite's parse message without the list of every token the grammar allows there, which runs
   * to hundreds of lines after a misspelt keyword; a short list stays, as it helps.
   */
  static String parseMessage(SqlParseException e) {
    String message = String.valueOf(e.getMessage());
    int expecting = message.indexOf("Was expecting");
    if (expecting < 0) {
      boolean placed = message.contains(" line ") || e.getPos() == null;
      return "SQL syntax error: " + message.strip() + (placed ? "" : " (" + e.getPos() + ")");
    }
    String where = message.substring(0, expecting).strip();
    String[] alternatives = message.substring(message.indexOf(':', expecting) + 1).strip()
        .split("\\s*\\.\\.\\.\\s*|\\n\\s*");
    List<String> tokens = Arrays.stream(alternatives).map(String::strip)
        .filter(t -> !t.isEmpty()).toList();
    String expected = tokens.size() <= MAX_EXPECTED_TOKENS
        ? " Expected " + String.join(" or ", tokens) + "."
        : " Check the SQL there: a misspelt keyword, a missing comma or parenthesis, or an"
            + " identifier that needs double quotes (\"config.lr\").";
    return "SQL syntax error: " + where + expected;
  }

  /** SQLState for Calcite/Avatica exceptions that come without one. */
  private static String stateOf(String message) {
    if (message != null && message.contains("Statement canceled")) {
      return SqlStates.CANCELLED;
    }
    if (message != null && message.contains("more than one value in agg SINGLE_VALUE")) {
      return SqlStates.CARDINALITY_VIOLATION; // a scalar subquery gave several rows
    }
    if (message != null && message.contains("unbound parameter")) {
      return SqlStates.PARAMETER_UNSET;
    }
    if (message != null && message.contains("parameter ordinal")
        && message.contains("out of range")) {
      return SqlStates.INVALID_INDEX;
    }
    return SqlStates.GENERAL_ERROR;
  }

  /** Calcite's validator messages, plus what W&B users most often need to know. */
  private static String withHint(String message) {
    boolean missing = message != null && message.contains("not found");
    if (missing && (message.contains("Column '") || message.contains("'config'")
        || message.contains("'summary'"))) {
      return message + ". Config and summary columns keep their W&B key and need double quotes,"
          + " e.g. \"config.lr\" or \"summary.val/loss\"; DatabaseMetaData.getColumns lists them.";
    }
    return message;
  }

  private static String redact(String message, ApiKey key) {
    if (message == null) {
      return "(no message)";
    }
    return key == null ? message : key.redact(message);
  }

  /**
   * The cause to attach: the original, unless the key is in what it or anything under it says.
   * A redacted message over an unredacted cause would still print the key in every logged stack
   * trace, so then the cause is a redacted copy (the same class names, messages and stacks).
   */
  private static Throwable causeOf(Throwable cause, ApiKey key) {
    return showsKey(cause, key) ? new RedactedCause(cause, key) : cause;
  }

  /** Whether the key is in the message of the throwable, a cause or a suppressed exception. */
  private static boolean showsKey(Throwable thrown, ApiKey key) {
    if (key == null || thrown == null) {
      return false;
    }
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<Throwable> todo = new ArrayDeque<>(List.of(thrown));
    while (!todo.isEmpty()) {
      Throwable t = todo.pop();
      if (!seen.add(t)) {
        continue;
      }
      String shown = t + " " + t.getMessage();
      if (!key.redact(shown).equals(shown)) {
        return true;
      }
      if (t.getCause() != null) {
        todo.add(t.getCause());
      }
      todo.addAll(Arrays.asList(t.getSuppressed()));
    }
    return false;
  }

  private static <T extends Throwable> T find(Throwable t, Class<T> type) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (type.isInstance(c)) {
        return type.cast(c);
      }
    }
    return null;
  }
}
