package io.github.wandbjdbc.testserver.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** W&B's non-standard JSON (bare NaN/Infinity, huge integers) and PyYAML's spellings, both ways. */
class JsonValuesTest {

  private final JsonValues json = new JsonValues();

  @Test
  void readsBareNonFiniteTokensAndHugeIntegers() throws IOException {
    Map<?, ?> parsed = (Map<?, ?>) json.parseJson(
        "{\"a\": NaN, \"b\": Infinity, \"c\": -Infinity, \"d\": 5, \"e\": 123456789012345678901234567890, \"f\": 1e400, \"g\": 0.1}");
    assertTrue(((Double) parsed.get("a")).isNaN());
    assertEquals(Double.POSITIVE_INFINITY, parsed.get("b"));
    assertEquals(Double.NEGATIVE_INFINITY, parsed.get("c"));
    assertEquals(5L, parsed.get("d"), "integers are normalised to Long");
    assertEquals(new BigInteger("123456789012345678901234567890"), parsed.get("e"));
    assertEquals(Double.POSITIVE_INFINITY, parsed.get("f"), "out-of-range floats saturate like Python's");
    assertEquals(0.1, parsed.get("g"));
  }

  @Test
  void writesNonFiniteNumbersAsBareTokensLikeWandb() {
    Map<String, Object> summary = TestRuns.map("loss", Double.NaN, "up", Double.POSITIVE_INFINITY,
        "down", Double.NEGATIVE_INFINITY, "big", new BigInteger("99999999999999999999"), "n", null);
    assertEquals("{\"loss\":NaN,\"up\":Infinity,\"down\":-Infinity,\"big\":99999999999999999999,\"n\":null}",
        json.toJsonString(summary));
  }

  @Test
  void roundTripsExactly() throws IOException {
    Map<String, Object> value = TestRuns.map("x", List.of(1L, 2.5, "s", true), "nested", TestRuns.map("k", Double.NaN));
    assertEquals(value, json.parseJson(json.toJsonString(value)));
  }

  @Test
  void readsPyYamlNonFiniteSpellingsAndKeepsOrder() throws IOException {
    Map<?, ?> parsed = (Map<?, ?>) json.parseYaml("b: .nan\na: -.inf\nc: .inf\nd: 1.0e-05\ne: 12345678901234567890123\n4: x\n");
    assertEquals(List.of("b", "a", "c", "d", "e", "4"), List.copyOf(parsed.keySet()));
    assertTrue(((Double) parsed.get("b")).isNaN());
    assertEquals(Double.NEGATIVE_INFINITY, parsed.get("a"));
    assertEquals(Double.POSITIVE_INFINITY, parsed.get("c"));
    assertEquals(1.0e-05, parsed.get("d"));
    assertEquals(new BigInteger("12345678901234567890123"), parsed.get("e"));
  }

  @Test
  void rejectsTrailingGarbageAndEmptyIsNull() throws IOException {
    assertThrows(IOException.class, () -> json.parseJson("{\"a\": 1} {"));
    assertThrows(IOException.class, () -> json.parseJson("{\"a\": "));
    assertEquals(null, json.parseJson(""));
    assertEquals(null, json.parseYaml(""));
  }

  @Test
  void deepCopyNormalisesNumbersAndKeepsNulls() {
    Map<String, Object> copy = JsonValues.deepCopyMap(TestRuns.map("i", 3, "f", 1.5f, "n", null, "l", List.of(7)));
    assertEquals(TestRuns.map("i", 3L, "f", 1.5, "n", null, "l", List.of(7L)), copy);
    assertThrows(UnsupportedOperationException.class, () -> copy.put("x", 1));
    assertThrows(IllegalArgumentException.class, () -> JsonValues.deepCopy(new Object()));
  }
}
