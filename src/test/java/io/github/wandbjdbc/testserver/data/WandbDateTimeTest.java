package io.github.wandbjdbc.testserver.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WandbDateTimeTest {

  @Test
  void formatsUtcWithoutZoneWholeSecondsOrMicroseconds() {
    assertEquals("2025-03-01T12:00:05", WandbDateTime.format(Instant.parse("2025-03-01T12:00:05Z")));
    assertEquals("2025-03-01T12:00:05.123456", WandbDateTime.format(Instant.parse("2025-03-01T12:00:05.123456Z")));
    assertEquals("2025-03-01T12:00:05.500000", WandbDateTime.format(Instant.parse("2025-03-01T12:00:05.5Z")));
    assertEquals("2025-03-01T12:00:05.000001", WandbDateTime.format(Instant.parse("2025-03-01T12:00:05.000001999Z")));
  }

  @Test
  void parsesZoneLessAsUtcAndHonoursZones() {
    assertEquals(Optional.of(Instant.parse("2023-11-05T17:46:35Z")), WandbDateTime.parse("2023-11-05T17:46:35"));
    assertEquals(Optional.of(Instant.parse("2023-11-05T17:46:35.25Z")), WandbDateTime.parse("2023-11-05T17:46:35.25Z"));
    assertEquals(Optional.of(Instant.parse("2023-11-05T15:46:35Z")), WandbDateTime.parse("2023-11-05T17:46:35+02:00"));
    assertTrue(WandbDateTime.parse("yesterday").isEmpty());
    assertTrue(WandbDateTime.parse("").isEmpty());
    assertTrue(WandbDateTime.parse(null).isEmpty());
  }
}
