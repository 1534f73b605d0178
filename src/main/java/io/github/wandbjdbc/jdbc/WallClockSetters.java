package io.github.wandbjdbc.jdbc;

import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Calendar;
import java.util.TimeZone;

/**
 * Parameters of DATE and TIMESTAMP values, bound as pgjdbc binds them to
 * {@code TIMESTAMP WITHOUT TIME ZONE}: a {@code java.sql.Timestamp} stands for its wall clock in
 * the JVM's zone (or in the calendar's zone, when one is given), a {@code LocalDateTime} for
 * itself, an {@code OffsetDateTime}, {@code ZonedDateTime} or {@code Instant} for its UTC wall
 * clock; a DATE likewise. The statement then compares W&B's UTC wall-clock values with that wall
 * clock, whatever the JVM's zone: {@code setTimestamp(i, rs.getTimestamp(j))} finds the row it
 * came from. (Avatica bound a Timestamp as an instant, shifting it by the JVM's offset.)
 *
 * <p>The wall clock reaches Avatica as a value whose UTC reading is that wall clock, with a UTC
 * calendar, the one form Avatica passes through unchanged.
 */
final class WallClockSetters {
  private static final TimeZone UTC = TimeZone.getTimeZone(ZoneOffset.UTC);

  private WallClockSetters() {}

  /** Binds the parameter and returns true if the call sets a temporal value; else false. */
  static boolean set(PreparedStatement delegate, String method, Object[] args)
      throws SQLException {
    if (args == null || args.length < 2 || !(args[0] instanceof Integer index)) {
      return false;
    }
    Object value = args[1];
    Calendar calendar = args.length == 3 && args[2] instanceof Calendar c ? c : null;
    switch (method) {
      case "setTimestamp":
        if (value instanceof Timestamp ts && (args.length == 2 || calendar != null)) {
          bindTimestamp(delegate, index, wallClock(ts, zone(calendar)));
          return true;
        }
        return false;
      case "setDate":
        if (value instanceof Date d && (args.length == 2 || calendar != null)) {
          bindDate(delegate, index, wallClock(new Timestamp(d.getTime()), zone(calendar))
              .toLocalDate());
          return true;
        }
        return false;
      case "setObject":
        return args.length == 2 && setObject(delegate, index, value);
      default:
        return false;
    }
  }

  private static boolean setObject(PreparedStatement delegate, int index, Object value)
      throws SQLException {
    if (value instanceof Timestamp ts) {
      bindTimestamp(delegate, index, wallClock(ts, ZoneId.systemDefault()));
    } else if (value instanceof Date d) {
      bindDate(delegate, index, d.toLocalDate());
    } else if (value instanceof LocalDateTime t) {
      bindTimestamp(delegate, index, t);
    } else if (value instanceof LocalDate d) {
      bindDate(delegate, index, d);
    } else if (value instanceof OffsetDateTime t) {
      bindTimestamp(delegate, index, t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime());
    } else if (value instanceof ZonedDateTime t) {
      bindTimestamp(delegate, index, t.withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime());
    } else if (value instanceof Instant t) {
      bindTimestamp(delegate, index, LocalDateTime.ofInstant(t, ZoneOffset.UTC));
    } else {
      return false;
    }
    return true;
  }

  private static ZoneId zone(Calendar calendar) {
    return calendar == null ? ZoneId.systemDefault() : calendar.getTimeZone().toZoneId();
  }

  private static LocalDateTime wallClock(Timestamp ts, ZoneId zone) {
    return LocalDateTime.ofInstant(ts.toInstant(), zone);
  }

  private static void bindTimestamp(PreparedStatement delegate, int index, LocalDateTime t)
      throws SQLException {
    Timestamp utcReading = Timestamp.from(t.toInstant(ZoneOffset.UTC));
    delegate.setTimestamp(index, utcReading, Calendar.getInstance(UTC));
  }

  private static void bindDate(PreparedStatement delegate, int index, LocalDate d)
      throws SQLException {
    delegate.setDate(index, new Date(d.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli()),
        Calendar.getInstance(UTC));
  }
}
