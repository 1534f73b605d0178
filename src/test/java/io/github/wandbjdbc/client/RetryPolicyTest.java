package io.github.wandbjdbc.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

class RetryPolicyTest {
  @Test
  void retriesWhatTheOfficialClientRetries() {
    for (int status : new int[] {429, 500, 502, 503, 504, 408, 418, 599, 600}) {
      assertTrue(RetryPolicy.isRetryableStatus(status), "retry " + status);
    }
    for (int status : new int[] {200, 204, 301, 302, 400, 401, 403, 404, 409, 410, 413, 422, 501}) {
      assertFalse(RetryPolicy.isRetryableStatus(status), "no retry " + status);
    }
  }

  @Test
  void backoffDoublesAddsAtMostAQuarterOfJitterAndIsCapped() {
    RetryPolicy p = new RetryPolicy(10, Duration.ofMillis(100), Duration.ofMillis(1000));
    assertEquals(Duration.ofMillis(100), p.backoff(1, () -> 0.0));
    assertEquals(Duration.ofMillis(200), p.backoff(2, () -> 0.0));
    assertEquals(Duration.ofMillis(400), p.backoff(3, () -> 0.0));
    assertEquals(Duration.ofMillis(500), p.backoff(3, () -> 1.0));
    assertEquals(Duration.ofMillis(1000), p.backoff(5, () -> 0.0));
    assertEquals(Duration.ofMillis(1000), p.backoff(5, () -> 1.0));
    assertEquals(Duration.ofMillis(1000), p.backoff(64, () -> 0.5));
  }

  @Test
  void retryAfterInSecondsOrAsHttpDate() {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    assertEquals(Optional.of(Duration.ofSeconds(3)), RetryPolicy.parseRetryAfter("3", now));
    assertEquals(Optional.of(Duration.ofSeconds(10)),
        RetryPolicy.parseRetryAfter("Thu, 01 Jan 2026 00:00:10 GMT", now));
    assertEquals(Optional.of(Duration.ZERO),
        RetryPolicy.parseRetryAfter("Wed, 31 Dec 2025 23:00:00 GMT", now));
    assertEquals(Optional.empty(), RetryPolicy.parseRetryAfter("soon", now));
    assertEquals(Optional.empty(), RetryPolicy.parseRetryAfter("-4", now));
    assertEquals(Optional.empty(), RetryPolicy.parseRetryAfter(null, now));
  }
}
