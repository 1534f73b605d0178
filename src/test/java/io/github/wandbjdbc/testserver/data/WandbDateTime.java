package io.github.wandbjdbc.testserver.data;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * W&B's {@code DateTime} wire format: ISO-8601 in UTC <em>without</em> a zone designator, whole
 * seconds ({@code 2025-03-01T12:00:05}) or with microseconds ({@code 2025-03-01T12:00:05.123456}).
 * Parsing accepts that and the zoned forms clients write locally ({@code …Z}, {@code …+02:00}).
 */
public final class WandbDateTime {

  private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
  private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS");

  private WandbDateTime() {
  }

  /** Formats as W&B does; sub-microsecond digits are dropped (the backend stores microseconds). */
  public static String format(Instant instant) {
    LocalDateTime utc = LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    return (utc.getNano() == 0 ? SECONDS : MICROS).format(utc);
  }

  /** Parses an ISO-8601 date-time; a value without zone is UTC. Empty when the text is not one. */
  public static Optional<Instant> parse(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    String trimmed = text.trim();
    try {
      return Optional.of(OffsetDateTime.parse(trimmed).toInstant());
    } catch (DateTimeParseException zoned) {
      try {
        return Optional.of(LocalDateTime.parse(trimmed).toInstant(ZoneOffset.UTC));
      } catch (DateTimeParseException local) {
        return Optional.empty();
      }
    }
  }
}
