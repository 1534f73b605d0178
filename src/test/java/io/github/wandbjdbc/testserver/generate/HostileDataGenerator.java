package io.github.wandbjdbc.testserver.generate;

import io.github.wandbjdbc.testserver.data.ConfigData;
import io.github.wandbjdbc.testserver.data.HistoryData;
import io.github.wandbjdbc.testserver.data.RunData;
import io.github.wandbjdbc.testserver.data.ServerData;
import io.github.wandbjdbc.testserver.data.UserData;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A project of the values that break SQL engines, for the oracle tests ({@code hostile-values} in
 * the sample entity): NaN, ±Infinity, −0.0, ±Double.MAX_VALUE and ±Double.MIN_VALUE; integers at
 * the ends of int64 and past 2^53; empty strings, letter case, LIKE's metacharacters and text in
 * every Unicode plane; timestamps before 1970, with microseconds, and in the hours New York's
 * clocks skip and repeat; missing keys next to JSON nulls; keys of several types; mixed-case
 * states; sparse history with NaN in its keys and in {@code _runtime}. Deterministic: each run's
 * values come from its index, cycling through lists of different lengths, so every pair of
 * values meets in some run.
 */
public final class HostileDataGenerator {
  public static final String PROJECT = "hostile-values";
  static final int RUNS = 72;

  private static final Object MISSING = new Object();

  static final List<Object> DOUBLES = List.of(Double.NaN, Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY, -0.0, 0.0, Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE,
      -Double.MIN_VALUE, 1e300, -1e300, 1e-300, 0.5, -0.5, 1.0, 2.5, 0.1, 1e15 + 0.25,
      Double.NaN, MISSING, 0.3);
  static final List<Object> LONGS = List.of(Long.MAX_VALUE, Long.MIN_VALUE, 9_007_199_254_740_992L,
      9_007_199_254_740_993L, -9_007_199_254_740_993L, 0L, -1L, 1L, 42L, MISSING, 3_000_000_000L);
  static final List<Object> STRINGS = List.of("", " ", "a", "A", "abc", "ABC", "é", "e\u0301",
      "ж", "日本語", "🚀", "emoji-🚀", "\uFFFD", "\uE000x", "%", "_", "a%b", "a_b", "\\", "it's",
      "x\ny", "😀😀", "𝔸", "Ωmega", MISSING, "zebra", "Zebra");
  private static final List<Object> BOOLEANS = List.of(true, false, MISSING, true, false);
  private static final List<String> STATES = List.of("finished", "Finished", "CRASHED", "crashed",
      "running", "failed", "killed", "finished", "FINISHED");
  private static final List<Instant> CREATED = List.of(
      Instant.parse("2024-03-10T02:30:00Z"),       // a New York wall clock that does not exist
      Instant.parse("2024-11-03T01:30:00Z"),       // one that exists twice
      Instant.parse("1969-12-31T23:59:59.999Z"),
      Instant.parse("1950-06-15T12:00:00Z"),
      Instant.parse("2023-05-05T05:05:05.123456Z"), // microseconds, read to the millisecond
      Instant.parse("2038-01-19T03:14:08Z"),
      Instant.parse("2024-01-01T00:00:00Z"),
      Instant.parse("2024-01-01T00:00:00Z"),       // a tie
      Instant.parse("2024-06-30T23:59:59.500Z"),
      Instant.parse("2025-12-31T23:59:59Z"),
      Instant.parse("2000-02-29T12:00:00.001Z"));
  private static final List<List<String>> TAGS = List.of(List.of(), List.of("a"),
      List.of("A", "b"), List.of("🚀"), List.of("tag with space", "a"), List.of("é", "日本"),
      List.of(""));

  /** Adds the project to {@code assembler}, in the sample entity. */
  public void addTo(ServerData.Assembler assembler) {
    UserData user = new UserData("hostile", "Hostile Tester", null);
    assembler.project(SampleDataGenerator.ENTITY, true, PROJECT, "Values that break SQL engines",
        user, Instant.parse("1950-01-01T00:00:00Z"));
    for (int i = 0; i < RUNS; i++) {
      assembler.addRun(run(i, user));
    }
  }

  private static RunData run(int i, UserData user) {
    Instant created = CREATED.get(i % CREATED.size()).plusSeconds(i / CREATED.size() * 86_400L);
    Map<String, Object> summary = new LinkedHashMap<>();
    put(summary, "x", pick(DOUBLES, i));
    put(summary, "y", pick(DOUBLES, i * 7 + 3));
    put(summary, "n", pick(LONGS, i));
    put(summary, "s", pick(STRINGS, i));
    put(summary, "t", pick(STRINGS, i * 5 + 1));
    put(summary, "flag", pick(BOOLEANS, i));
    put(summary, "val/loss", i % 6 == 0 ? null : pick(DOUBLES, i + 4));
    put(summary, "mixed", List.<Object>of(1L, "1", true, 1.5, "NaN", MISSING).get(i % 6));
    if (i % 9 == 0) {
      summary.put("x", null); // a JSON null, not a missing key
    }
    Map<String, Object> config = new LinkedHashMap<>();
    put(config, "lr", pick(DOUBLES, i * 3 + 12));
    put(config, "opt", List.<Object>of("adam", "Adam", "SGD", "sgd", MISSING).get(i % 5));
    put(config, "depth", pick(LONGS, i * 2 + 5));
    config.put("nested", Map.of("deep", (long) (i % 4)));
    Map<String, Object> wrapped = new LinkedHashMap<>();
    config.forEach((k, v) -> wrapped.put(k, Map.of("value", v)));
    List<Map<String, Object>> history = i % 4 == 0 ? history(i) : List.of();
    return RunData.builder()
        .entityName(SampleDataGenerator.ENTITY)
        .projectName(PROJECT)
        .name(String.format("h%03d", i))
        .displayName(i % 11 == 10 ? null : (String) pick(STRINGS, i * 3, "run-" + i))
        .state(STATES.get(i % STATES.size()))
        .tags(TAGS.get(i % TAGS.size()))
        .group(i % 3 == 0 ? null : (String) pick(STRINGS, i + 2, "g"))
        .jobType(i % 2 == 0 ? "train" : "Train")
        .host(i % 5 == 0 ? null : "node-" + (i % 4))
        .notes(i % 7 == 0 ? "note with 'quotes' and %" : null)
        .createdAt(created)
        .heartbeatAt(i % 8 == 0 ? null : created.plusMillis(1_500L * i))
        .updatedAt(created)
        .user(user)
        .config(ConfigData.fromWrapped(wrapped))
        .summary(summary)
        .history(history.isEmpty() ? HistoryData.empty() : HistoryData.of(history))
        .build();
  }

  /** Sparse rows: keys missing at some steps, NaN and ±Infinity in them and in _runtime. */
  private static List<Map<String, Object>> history(int run) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int step = 0; step < 12 + run % 5; step++) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("_step", (long) step * (run % 8 == 0 ? 1 : 10));
      row.put("_runtime", step == 3 ? Double.NaN : step * 1.5);
      row.put("_timestamp", 1_700_000_000.0 + run * 1000 + step);
      put(row, "loss", pick(DOUBLES, run + step * 5));
      if (step % 3 != 1) {
        row.put("acc", step / 12.0);
      }
      row.put("epoch", (long) (step / 4));
      put(row, "note", pick(STRINGS, run + step));
      rows.add(row);
    }
    return rows;
  }

  private static Object pick(List<Object> values, int i) {
    return values.get(Math.floorMod(i, values.size()));
  }

  private static Object pick(List<Object> values, int i, String whenMissing) {
    Object v = pick(values, i);
    return v == MISSING ? whenMissing : v;
  }

  private static void put(Map<String, Object> map, String key, Object value) {
    if (value != MISSING) {
      map.put(key, value);
    }
  }
}
