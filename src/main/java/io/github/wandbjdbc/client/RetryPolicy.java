package io.github.wandbjdbc.client;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import java.util.function.DoubleSupplier;

/**
 * When to try a request again and how long to wait first, following the official client
 * (docs/WIRE.md, HTTP): 429, 5xx except 501 and I/O errors are retried with exponential backoff and
 * 0–25% jitter, a {@code Retry-After} header wins over the computed wait, and
 * 400/401/403/404/409/410/413/422/501 and GraphQL errors are final.
 *
 * @param maxRetries retries after the first attempt
 * @param initialBackoff wait before the first retry; doubles for each further retry
 * @param maxWait the longest single wait, computed or asked for by the server
 */
public record RetryPolicy(int maxRetries, Duration initialBackoff, Duration maxWait) {
  private static final Set<Integer> FINAL_STATUSES = Set.of(400, 401, 403, 404, 409, 410, 413, 422, 501);

  public RetryPolicy {
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries must be >= 0");
    }
    if (initialBackoff.isNegative() || maxWait.isNegative()) {
      throw new IllegalArgumentException("waits must not be negative");
    }
  }

  /** Whether an HTTP status other than 2xx may succeed when sent again. */
  public static boolean isRetryableStatus(int status) {
    if (status >= 200 && status < 400) {
      return false;
    }
    return !FINAL_STATUSES.contains(status);
  }

  /** The wait before retry number {@code retry} (1-based) when the server named none. */
  public Duration backoff(int retry, DoubleSupplier random) {
    long base = initialBackoff.toMillis();
    long exp = base << Math.min(Math.max(retry - 1, 0), 30);
    if (exp < 0 || exp > maxWait.toMillis()) {
      exp = maxWait.toMillis();
    }
    long jitter = (long) (exp * 0.25 * random.getAsDouble());
    return Duration.ofMillis(Math.min(exp + jitter, maxWait.toMillis()));
  }

  /**
   * Reads a {@code Retry-After} header: delay seconds or an HTTP date. Empty when absent or
   * unreadable, in which case the computed backoff applies.
   */
  public static Optional<Duration> parseRetryAfter(String header, Instant now) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    String value = header.trim();
    try {
      long seconds = Long.parseLong(value);
      return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration d = Duration.between(now, at);
        return Optional.of(d.isNegative() ? Duration.ZERO : d);
      } catch (DateTimeParseException notDate) {
        return Optional.empty();
      }
    }
  }
}
