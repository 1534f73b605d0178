package io.github.wandbjdbc.pushdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wandbjdbc.pushdown.FilterTranslator.Pushed;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Optional;

/**
 * Each SQL form on each kind of column: the filter W&B receives (with placeholders for parameters),
 * and whether it is exact ("exact") or a superset kept in Calcite ("superset"), or not pushed at
 * all ("-"). Exact only where no reading of W&B's filters that its documentation leaves open
 * (docs/WIRE.md, Filters: missing keys and {@code $ne}/{@code null}, NaN, letter case) could change
 * the runs: ranges of doubles open above also take what is not an ordinary number (NaN is above
 * every number in SQL), and keys that may be missing are asked for with {@code $exists}.
 */
class FilterTranslatorTest {
  private static Optional<Pushed> translate(String where) {
    return new FilterTranslator(Conditions.COLUMNS).translate(Conditions.where(where));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      state = 'finished'                          | superset | {"state":"finished"}
      state = 'Finished'                          | superset | {"state":"Finished"}
      state <> 'finished'                         | superset | {"state":{"$ne":null}}
      state <> 'Finished'                         | superset | {"state":{"$ne":null}}
      state IN ('finished', 'crashed')            | superset | {"state":{"$in":["crashed","finished"]}}
      state NOT IN ('finished', 'crashed')        | superset | {"state":{"$nin":["crashed","finished",null]}}
      state IS NULL                               | exact    | {"state":null}
      state LIKE 'fin%'                           | superset | {"state":{"$regex":"fin"}}
      display_name = 'swift-7'                    | superset | {"displayName":"swift-7"}
      display_name <> 'swift-7'                   | superset | {"displayName":{"$ne":null}}
      display_name > 'm'                          | superset | {"displayName":{"$ne":null}}
      display_name IN ('a', 'b')                  | superset | {"displayName":{"$in":["a","b"]}}
      display_name LIKE 'swift-%'                 | superset | {"displayName":{"$regex":"swift-"}}
      display_name LIKE '%x_a.b(c)+%'             | superset | {"displayName":{"$regex":"a\\\\.b\\\\(c\\\\)\\\\+"}}
      display_name LIKE 'it''s%'                  | superset | {"displayName":{"$regex":"it's"}}
      display_name LIKE 'x!%y%' ESCAPE '!'        | superset | {"displayName":{"$regex":"x%y"}}
      display_name LIKE '%_%'                     | -        |
      display_name NOT LIKE 'a%'                  | -        |
      run_id = 'abc'                              | superset | {"name":"abc"}
      sweep_id = 's1'                             | superset | {"sweep":"s1"}
      group_name = 'g'                            | superset | {"group":"g"}
      job_type = 'train'                          | superset | {"jobType":"train"}
      username = 'alice'                          | superset | {"username":"alice"}
      host = 'gpu-1'                              | superset | {"host":"gpu-1"}
      "config.lr" > 0.001                         | superset | {"$or":[{"config.lr":{"$gt":0.001}},{"$nor":[{"config.lr":null},{"config.lr":{"$gte":-1.7976931348623157E308}}]}]}
      "config.lr" >= 0.001                        | superset | {"$or":[{"config.lr":{"$gte":0.001}},{"$nor":[{"config.lr":null},{"config.lr":{"$gte":-1.7976931348623157E308}}]}]}
      "config.lr" < 0.001                         | superset | {"$or":[{"config.lr":{"$lt":0.001}},{"$nor":[{"config.lr":null},{"config.lr":{"$gte":-1.7976931348623157E308}}]}]}
      "config.lr" <= 0.001                        | superset | {"$or":[{"config.lr":{"$lte":0.001}},{"$nor":[{"config.lr":null},{"config.lr":{"$gte":-1.7976931348623157E308}}]}]}
      "config.lr" = 0.5                           | exact    | {"config.lr":0.5}
      "config.lr" <> 0.5                          | superset | {"config.lr":{"$nin":[0.5,null]}}
      0.001 < "config.lr"                         | superset | {"$or":[{"config.lr":{"$gt":0.001}},{"$nor":[{"config.lr":null},{"config.lr":{"$gte":-1.7976931348623157E308}}]}]}
      "config.batch_size" > 0.5                   | exact    | {"config.batch_size":{"$gt":0.5}}
      "config.batch_size" < 64                    | exact    | {"config.batch_size":{"$lt":64}}
      "config.batch_size" BETWEEN 32 AND 128      | exact    | {"config.batch_size":{"$gte":32,"$lte":128}}
      "config.batch_size" IN (32, 64)             | exact    | {"config.batch_size":{"$in":[32,64]}}
      "config.batch_size" NOT IN (32, 64)         | superset | {"config.batch_size":{"$nin":[32,64,null]}}
      "config.model.depth" = 50                   | exact    | {"config.model.depth":50}
      "summary.loss" BETWEEN 0.1 AND 0.5          | exact    | {"summary_metrics.loss":{"$gte":0.1,"$lte":0.5}}
      "summary.loss" NOT IN (1, 2)                | superset | {"summary_metrics.loss":{"$nin":[1.0,2.0,null]}}
      "summary.loss" IS NULL OR "summary.loss" = 5 | superset | {"$or":[{"summary_metrics.loss":{"$in":[5.0]}},{"$or":[{"summary_metrics.loss":null},{"summary_metrics.loss":{"$exists":false}}]}]}
      "summary.loss" IS NOT NULL                  | superset | {"summary_metrics.loss":{"$ne":null}}
      "summary.val/loss" > 1                      | superset | {"$or":[{"summary_metrics.val/loss":{"$gt":1.0}},{"$nor":[{"summary_metrics.val/loss":null},{"summary_metrics.val/loss":{"$gte":-1.7976931348623157E308}}]}]}
      "summary.loss" = -1.7976931348623157E308    | exact    | {"summary_metrics.loss":-1.7976931348623157E308}
      "summary.loss" IS NULL                      | superset | {"$or":[{"summary_metrics.loss":null},{"summary_metrics.loss":{"$exists":false}}]}
      "config.augment" IS NOT FALSE               | superset | {"$nor":[{"config.augment":false}]}
      "summary.loss" > 1 AND "summary.loss" < 2   | exact    | {"summary_metrics.loss":{"$gt":1.0,"$lt":2.0}}
      "config.augment"                            | exact    | {"config.augment":true}
      NOT "config.augment"                        | exact    | {"config.augment":false}
      "config.augment" IS NOT TRUE                | superset | {"$nor":[{"config.augment":true}]}
      "config.augment" = FALSE                    | exact    | {"config.augment":false}
      "config.optimizer" = 'adam'                 | superset | {"config.optimizer":{"$in":["adam"]}}
      "config.optimizer" = '5'                    | superset | {"config.optimizer":{"$in":["5",5]}}
      ARRAY_CONTAINS(tags, 'baseline')            | superset | {"tags":"baseline"}
      created_at > TIMESTAMP '2025-01-01 00:00:00' | superset | {"createdAt":{"$gte":"2024-12-31T23:59:59"}}
      created_at <= TIMESTAMP '2025-01-01 00:00:00.500' | superset | {"createdAt":{"$lte":"2025-01-01T00:00:02"}}
      created_at > CURRENT_TIMESTAMP - INTERVAL '7' DAY | superset | {"createdAt":{"$gte":"≥ CURRENT_TIMESTAMP - 604800000 ms ± 1 s"}}
      state = 'finished' OR "config.lr" > 1       | superset | {"$or":[{"state":"finished"},{"$or":[{"config.lr":{"$gt":1.0}},{"$nor":[{"config.lr":null},{"config.lr":{"$gte":-1.7976931348623157E308}}]}]}]}
      state = 'finished' OR display_name = 'x'    | superset | {"$or":[{"state":"finished"},{"displayName":"x"}]}
      state = 'finished' OR notes = 'x'           | -        |
      state = 'finished' AND notes = 'x'          | superset | {"state":"finished"}
      NOT (display_name = 'x' OR state = 'failed') | superset | {"displayName":{"$ne":null},"state":{"$ne":null}}
      notes = 'x'                                 | -        |
      heartbeat_at > TIMESTAMP '2025-01-01 00:00:00' | -        |
      history_line_count > 10                     | -        |
      tags IS NULL                                | -        |
      "summary.h" IS NULL                         | -        |
      "summary.mixed" = 'x'                       | -        |
      "config.a.b" > 1                            | -        |
      upper(state) = 'X'                          | -        |
      "config.lr" = "summary.loss"                | -        |
      """)
  void translates(String where, String expected, String json) {
    Optional<Pushed> pushed = translate(where);
    if (expected.equals("-")) {
      assertTrue(pushed.isEmpty(), () -> "pushed " + pushed.get().filter().describe());
      return;
    }
    assertTrue(pushed.isPresent(), "not pushed");
    assertEquals(json, pushed.get().filter().describe().toString());
    assertEquals(expected.equals("exact"), pushed.get().exact(), "exactness");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      state = ?                       | {"state":"?0"}
      "config.lr" > ?                 | {"$or":[{"config.lr":{"$gt":"?0"}},{"$nor":[{"config.lr":null},{"config.lr":{"$gte":-1.7976931348623157E308}}]}]}
      "config.batch_size" IN (?, ?)   | {"$or":[{"config.batch_size":"?0"},{"config.batch_size":"?1"}]}
      display_name LIKE ?             | {"displayName":{"$regex":"LIKE ?0"}}
      created_at >= ?                 | {"createdAt":{"$gte":"≥ ?0 ± 1 s"}}
      """)
  void parametersAreNeverExact(String where, String json) {
    Pushed pushed = translate(where).orElseThrow();
    assertEquals(json, pushed.filter().describe().toString());
    assertFalse(pushed.exact());
  }
}
