package io.github.wandbjdbc.pushdown;

import org.apache.calcite.linq4j.function.Strict;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeTransforms;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Optional;

/**
 * Text read as a TIMESTAMP, as PostgreSQL reads it: {@code 2024-01-01}, {@code 2024-01-01 12:30},
 * {@code 2024-01-01T12:30:00.250}, and with a zone, {@code …Z} or {@code …+02:00}. Calcite's own
 * CAST knew only the space form and failed planning ("Error while applying rule") on the others.
 * Timestamps are UTC wall-clock values, so a zone is converted to UTC (PostgreSQL would drop it;
 * README, "SQL semantics"). Any other text is an error, SQLState 22007.
 */
public final class TimestampText {
  /** {@code CAST(text AS TIMESTAMP)} of wandb-jdbc's statements; EXPLAIN shows it by this name. */
  public static final SqlOperator OPERATOR = new SqlUserDefinedFunction(
      new SqlIdentifier("TIMESTAMP_FROM_TEXT", SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION,
      ReturnTypes.explicit(SqlTypeName.TIMESTAMP, 3).andThen(SqlTypeTransforms.TO_NULLABLE),
      InferTypes.FIRST_KNOWN, null, ScalarFunctionImpl.create(TimestampText.class, "parse"));

  private static final DateTimeFormatter FORMAT = new DateTimeFormatterBuilder()
      .parseCaseInsensitive()
      .append(DateTimeFormatter.ISO_LOCAL_DATE)
      .optionalStart()
      .appendLiteral(' ').optionalEnd()
      .optionalStart()
      .appendLiteral('T').optionalEnd()
      .optionalStart()
      .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':')
      .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
      .optionalStart()
      .appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2)
      .optionalStart()
      .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
      .optionalEnd()
      .optionalEnd()
      .optionalStart()
      .appendOffset("+HH:MM", "Z").optionalEnd()
      .optionalStart()
      .appendOffset("+HHMM", "Z").optionalEnd()
      .optionalStart()
      .appendOffset("+HH", "Z").optionalEnd()
      .optionalEnd()
      .toFormatter();

  private TimestampText() {}

  /** Epoch milliseconds of the UTC wall clock the text names (Calcite's TIMESTAMP value). */
  @Strict
  public static long parse(String text) {
    return millis(text).orElseThrow(() -> new IllegalArgumentException("Invalid TIMESTAMP value, '"
        + text + "'; a timestamp is written 'YYYY-MM-DD HH:MM:SS[.fff]', also with 'T' and a"
        + " zone such as 'Z' or '+02:00', or a date 'YYYY-MM-DD'"));
  }

  /** The value of {@code text}, if it is a timestamp. */
  public static Optional<Long> millis(String text) {
    try {
      TemporalAccessor t = FORMAT.parse(text.trim());
      LocalDate date = LocalDate.from(t);
      LocalDateTime local = t.isSupported(ChronoField.HOUR_OF_DAY)
          ? LocalDateTime.of(date, java.time.LocalTime.from(t)) : date.atStartOfDay();
      long millis = t.isSupported(ChronoField.OFFSET_SECONDS)
          ? OffsetDateTime.of(local, ZoneOffset.ofTotalSeconds(t.get(ChronoField.OFFSET_SECONDS)))
              .toInstant().toEpochMilli()
          : local.toInstant(ZoneOffset.UTC).toEpochMilli();
      return Optional.of(millis);
    } catch (java.time.DateTimeException e) {
      return Optional.empty();
    }
  }

  /** The text of a call to {@link #OPERATOR} on a literal, for pushing it down. */
  static Optional<String> literalText(RexNode node) {
    if (node instanceof RexCall call && call.getOperator() == OPERATOR
        && call.getOperands().get(0) instanceof RexLiteral literal && !literal.isNull()) {
      return Optional.ofNullable(literal.getValueAs(String.class));
    }
    return Optional.empty();
  }
}
