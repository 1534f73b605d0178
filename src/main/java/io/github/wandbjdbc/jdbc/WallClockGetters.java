package io.github.wandbjdbc.jdbc;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Calendar;
import java.util.Optional;
import java.util.TimeZone;

/**
 * The result-set getters of DATE, TIME and TIMESTAMP columns, as pgjdbc's for
 * {@code TIMESTAMP WITHOUT TIME ZONE}: W&B's timestamps are UTC wall-clock values, and a getter
 * gives that wall clock whatever the JVM's time zone. {@code getString} and {@code getObject} with
 * {@code LocalDateTime}, {@code LocalDate}, {@code OffsetDateTime} (UTC) and {@code Instant} are
 * exact; {@code getTimestamp} and {@code getDate} with a {@code Calendar} read the wall clock in
 * the calendar's zone (exact with a UTC one); without, in the JVM's zone, so that
 * {@code getTimestamp(i).toString()} shows the wall clock. Only a wall-clock time that the JVM's
 * zone skips (a DST gap) cannot be a {@code java.sql.Timestamp} in that zone: it shows the hour
 * after, as in pgjdbc.
 *
 * <p>Avatica's getters converted through {@code Timestamp.valueOf} in the JVM's zone even with a
 * calendar (an hour off in a DST gap), gave {@code DATE} values a day early west of UTC, and
 * refused {@code getObject(i, LocalDateTime.class)}. The value is read raw instead: Calcite holds a
 * TIMESTAMP as epoch milliseconds of the wall clock, a DATE as epoch days, a TIME as milliseconds
 * of the day.
 */
final class WallClockGetters {
  private final ResultSet delegate;
  /** java.sql.Types of the columns, read once. */
  private int[] types;

  WallClockGetters(ResultSet delegate) {
    this.delegate = delegate;
  }

  /**
   * The getter's answer if the call reads a temporal column, else empty (the caller delegates).
   * {@code args[0]} is the column index or label.
   */
  Optional<Object> get(String method, Object[] args) throws SQLException {
    if (args == null || args.length == 0 || args.length > 2
        || !(args[0] instanceof Integer || args[0] instanceof String)) {
      return Optional.empty();
    }
    int column = args[0] instanceof Integer i ? i : delegate.findColumn((String) args[0]);
    int type = type(column);
    if (type != Types.TIMESTAMP && type != Types.DATE && type != Types.TIME) {
      return Optional.empty();
    }
    Object second = args.length == 2 ? args[1] : null;
    switch (method) {
      case "getString":
        return args.length == 1 ? Optional.of(nullable(text(column, type))) : Optional.empty();
      case "getObject":
        if (args.length == 1) {
          return Optional.of(nullable(legacy(column, type, null, type)));
        }
        return second instanceof Class<?> c ? as(column, type, c) : Optional.empty();
      case "getTimestamp":
        return legacyWith(column, type, second, Types.TIMESTAMP);
      case "getDate":
        return legacyWith(column, type, second, Types.DATE);
      case "getTime":
        return legacyWith(column, type, second, Types.TIME);
      default:
        return Optional.empty();
    }
  }

  /** Distinguishes "the value is SQL NULL" from "not handled here". */
  private static final Object NULL = new Object();

  static Object unwrapNull(Object value) {
    return value == NULL ? null : value;
  }

  private static Object nullable(Object value) {
    return value == null ? NULL : value;
  }

  private Optional<Object> legacyWith(int column, int type, Object calendar, int wanted)
      throws SQLException {
    if (calendar != null && !(calendar instanceof Calendar)) {
      return Optional.empty();
    }
    ZoneId zone = calendar == null ? null : ((Calendar) calendar).getTimeZone().toZoneId();
    return Optional.of(nullable(legacy(column, type, zone, wanted)));
  }

  private int type(int column) throws SQLException {
    if (types == null) {
      ResultSetMetaData meta = delegate.getMetaData();
      int[] t = new int[meta.getColumnCount() + 1];
      for (int i = 1; i < t.length; i++) {
        t[i] = meta.getColumnType(i);
      }
      types = t;
    }
    return column >= 1 && column < types.length ? types[column] : Types.OTHER;
  }

  /** The column's wall clock; null for SQL NULL. */
  private LocalDateTime wallClock(int column, int type) throws SQLException {
    long raw = delegate.getLong(column);
    if (delegate.wasNull()) {
      return null;
    }
    return switch (type) {
      case Types.DATE -> LocalDate.ofEpochDay(raw).atStartOfDay();
      case Types.TIME -> LocalDate.EPOCH.atTime(LocalTime.ofNanoOfDay(
          Math.floorMod(raw, 86_400_000L) * 1_000_000L));
      default -> LocalDateTime.ofEpochSecond(Math.floorDiv(raw, 1000L),
          (int) Math.floorMod(raw, 1000L) * 1_000_000, ZoneOffset.UTC);
    };
  }

  /** {@code java.sql} values: the wall clock in {@code zone}, the JVM's when null. */
  private Object legacy(int column, int type, ZoneId zone, int wanted) throws SQLException {
    LocalDateTime t = wallClock(column, type);
    if (t == null) {
      return null;
    }
    if (zone == null) {
      return switch (wanted) {
        case Types.DATE -> Date.valueOf(t.toLocalDate());
        case Types.TIME -> timeOfDay(t, ZoneId.systemDefault());
        default -> Timestamp.valueOf(t);
      };
    }
    return switch (wanted) {
      case Types.DATE -> new Date(t.toLocalDate().atStartOfDay(zone).toInstant().toEpochMilli());
      case Types.TIME -> timeOfDay(t, zone);
      default -> Timestamp.from(t.atZone(zone).toInstant());
    };
  }

  private static Time timeOfDay(LocalDateTime t, ZoneId zone) {
    return new Time(LocalDate.EPOCH.atTime(t.toLocalTime()).atZone(zone).toInstant()
        .toEpochMilli());
  }

  private Optional<Object> as(int column, int type, Class<?> wanted) throws SQLException {
    if (wanted == Timestamp.class || wanted == java.util.Date.class) {
      return Optional.of(nullable(legacy(column, type, null, Types.TIMESTAMP)));
    }
    if (wanted == Date.class) {
      return Optional.of(nullable(legacy(column, type, null, Types.DATE)));
    }
    if (wanted == Time.class) {
      return Optional.of(nullable(legacy(column, type, null, Types.TIME)));
    }
    if (wanted == String.class) {
      return Optional.of(nullable(text(column, type)));
    }
    if (wanted == Calendar.class) {
      LocalDateTime t = wallClock(column, type);
      if (t == null) {
        return Optional.of(NULL);
      }
      Calendar c = Calendar.getInstance(TimeZone.getTimeZone(ZoneOffset.UTC));
      c.setTimeInMillis(t.toInstant(ZoneOffset.UTC).toEpochMilli());
      return Optional.of(c);
    }
    if (wanted != LocalDateTime.class && wanted != LocalDate.class && wanted != LocalTime.class
        && wanted != OffsetDateTime.class && wanted != Instant.class) {
      return Optional.empty();
    }
    LocalDateTime t = wallClock(column, type);
    if (t == null) {
      return Optional.of(NULL);
    }
    Object value;
    if (wanted == LocalDateTime.class) {
      value = t;
    } else if (wanted == LocalDate.class) {
      value = t.toLocalDate();
    } else if (wanted == LocalTime.class) {
      value = t.toLocalTime();
    } else if (wanted == OffsetDateTime.class) {
      value = t.atOffset(ZoneOffset.UTC);
    } else {
      value = t.toInstant(ZoneOffset.UTC);
    }
    return Optional.of(value);
  }

  /** PostgreSQL's text: {@code 2024-01-02 03:04:05.25}, fraction without trailing zeros. */
  private String text(int column, int type) throws SQLException {
    LocalDateTime t = wallClock(column, type);
    if (t == null) {
      return null;
    }
    String date = String.format("%04d-%02d-%02d", t.getYear(), t.getMonthValue(),
        t.getDayOfMonth());
    String time = String.format("%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond());
    if (t.getNano() != 0) {
      String fraction = String.format("%09d", t.getNano()).replaceAll("0+$", "");
      time = time + "." + fraction;
    }
    return switch (type) {
      case Types.DATE -> date;
      case Types.TIME -> time;
      default -> date + " " + time;
    };
  }
}
