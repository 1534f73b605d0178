package io.github.wandbjdbc.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;

import java.time.Instant;

class WandbJsonTest {
  @Test
  void innerDocumentsAcceptBareNaNAndInfinity() {
    JsonNode n = WandbJson.parseJsonString("{\"loss\": NaN, \"a\": Infinity, \"b\": -Infinity}");
    assertTrue(Double.isNaN(n.get("loss").doubleValue()));
    assertEquals(Double.POSITIVE_INFINITY, n.get("a").doubleValue());
    assertEquals(Double.NEGATIVE_INFINITY, n.get("b").doubleValue());
  }

  @Test
  void blankOrNullJsonStringIsAbsent() {
    assertNull(WandbJson.parseJsonString(null));
    assertNull(WandbJson.parseJsonString("  "));
  }

  @Test
  void invalidInnerDocumentIsReported() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> WandbJson.parseJsonString("{\"a\": "));
    assertTrue(e.getMessage().startsWith("not a JSON document"), e.getMessage());
  }

  @Test
  void configValuesAreUnwrappedAndInternalKeysDropped() {
    JsonNode stored = WandbJson.parseJsonString("{"
        + "\"lr\": {\"value\": 0.1},"
        + "\"old\": {\"desc\": null, \"value\": 5},"
        + "\"model\": {\"value\": {\"depth\": 50}},"
        + "\"bare\": 3,"
        + "\"obj\": {\"no_value_key\": 1},"
        + "\"_wandb\": {\"value\": {\"cli_version\": \"0.19.0\"}},"
        + "\"wandb_version\": 1}");
    ObjectNode config = WandbJson.unwrapConfig(stored);
    assertEquals(0.1, config.get("lr").doubleValue());
    assertEquals(5, config.get("old").intValue());
    assertEquals(50, config.get("model").get("depth").intValue());
    assertEquals(3, config.get("bare").intValue());
    assertEquals(1, config.get("obj").get("no_value_key").intValue());
    assertFalse(config.has("_wandb"));
    assertFalse(config.has("wandb_version"));
    assertEquals(5, config.size());
  }

  @Test
  void dateTimesWithoutZoneAreUtc() {
    assertEquals(Instant.parse("2023-11-05T17:46:35Z"), WandbJson.parseDateTime("2023-11-05T17:46:35"));
    assertEquals(Instant.parse("2023-11-05T17:46:35.123456Z"),
        WandbJson.parseDateTime("2023-11-05T17:46:35.123456"));
    assertEquals(Instant.parse("2023-11-05T17:46:35Z"), WandbJson.parseDateTime("2023-11-05T17:46:35Z"));
    assertEquals(Instant.parse("2023-11-05T15:46:35Z"),
        WandbJson.parseDateTime("2023-11-05T17:46:35+02:00"));
    assertEquals(Instant.parse("2023-11-05T17:46:35Z"), WandbJson.parseDateTime("2023-11-05 17:46:35"));
    assertNull(WandbJson.parseDateTime(null));
    assertThrows(IllegalArgumentException.class, () -> WandbJson.parseDateTime("yesterday"));
  }

  @Test
  void jsonTextWritesNonFiniteNumbersAsStrings() {
    JsonNode n = WandbJson.parseJsonString("{\"a\": NaN, \"b\": [1, Infinity], \"c\": {\"d\": -Infinity}, \"e\": 0.5}");
    assertEquals("{\"a\":\"NaN\",\"b\":[1,\"Infinity\"],\"c\":{\"d\":\"-Infinity\"},\"e\":0.5}",
        WandbJson.toJsonText(n));
  }
}
