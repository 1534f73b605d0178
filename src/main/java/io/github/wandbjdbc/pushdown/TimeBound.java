package io.github.wandbjdbc.pushdown;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * A bound on {@code createdAt}, written the way W&B writes its DateTimes (UTC, no zone, whole
 * seconds) and widened outwards by a second. The driver's timestamps have millisecond precision
 * and W&B's up to microseconds, and the server may compare instants or ISO strings; a bound
 * widened this way keeps the pushed range a superset under all of these, and the exact SQL
 * comparison stays in Calcite.
 *
 * @param source where the bound's instant comes from
 * @param lower whether it is a lower bound ({@code $gte}) rather than an upper one ({@code $lte})
 */
public record TimeBound(Source source, boolean lower) implements Operand {
  private static final DateTimeFormatter WANDB_DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

  @Override
  public Optional<JsonNode> bind(Bindings bindings) {
    return source.millis(bindings).map(millis -> JSON.textNode(format(millis, lower)));
  }

  @Override
  public JsonNode describe() {
    return source instanceof Source.Fixed f ? JSON.textNode(format(f.millis(), lower))
        : JSON.textNode((lower ? "≥ " : "≤ ") + source.describe() + " ± 1 s");
  }

  @Override
  public boolean isConstant() {
    return source instanceof Source.Fixed;
  }

  /** The whole second at or below (lower bound) or above (upper bound), one second further out. */
  static String format(long millis, boolean lower) {
    Instant at = Instant.ofEpochMilli(millis);
    Instant second = at.truncatedTo(ChronoUnit.SECONDS);
    Instant widened = lower ? second.minusSeconds(1)
        : (second.equals(at) ? second : second.plusSeconds(1)).plusSeconds(1);
    return WANDB_DATE_TIME.format(widened);
  }

  /** Where an instant comes from. */
  public sealed interface Source {
    Optional<Long> millis(Bindings bindings);

    String describe();

    /** A TIMESTAMP literal. */
    record Fixed(long millis) implements Source {
      @Override
      public Optional<Long> millis(Bindings bindings) {
        return Optional.of(millis);
      }

      @Override
      public String describe() {
        return Instant.ofEpochMilli(millis).toString();
      }
    }

    /** A TIMESTAMP parameter. */
    record Parameter(int index) implements Source {
      @Override
      public Optional<Long> millis(Bindings bindings) {
        Object v = bindings.parameter(index);
        // Only a Long, as Calcite holds a TIMESTAMP parameter: its own comparison casts the value
        // to Long, so any other Number (setDouble(-Infinity), setInt) fails there. Pushing such
        // a value as a bound instead made W&B return no runs, and the statement 0 rows where the
        // same statement with pushdown=false ends in an SQLException; without a bound both fail.
        return v instanceof Long millis ? Optional.of(millis) : Optional.empty();
      }

      @Override
      public String describe() {
        return "?" + index;
      }
    }

    /** {@code CURRENT_TIMESTAMP} plus an offset (negative for {@code - INTERVAL …}). */
    record Now(long offsetMillis) implements Source {
      @Override
      public Optional<Long> millis(Bindings bindings) {
        return Optional.of(bindings.currentTimestampMillis() + offsetMillis);
      }

      @Override
      public String describe() {
        return "CURRENT_TIMESTAMP" + (offsetMillis == 0 ? ""
            : (offsetMillis < 0 ? " - " : " + ") + Math.abs(offsetMillis) + " ms");
      }
    }
  }
}
