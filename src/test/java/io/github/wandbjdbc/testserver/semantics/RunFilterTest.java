package io.github.wandbjdbc.testserver.semantics;

import io.github.wandbjdbc.testserver.data.JsonValues;
import io.github.wandbjdbc.testserver.data.RunData;
import io.github.wandbjdbc.testserver.data.UserData;

import static io.github.wandbjdbc.testserver.data.TestRuns.config;
import static io.github.wandbjdbc.testserver.data.TestRuns.map;
import static io.github.wandbjdbc.testserver.data.TestRuns.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The filter semantics the driver relies on, one table row per case (see {@link RunFilter}). */
class RunFilterTest {

  private static final JsonValues JSON = new JsonValues();

  /**
   * Four runs that together cover missing keys, nulls, NaN/±Infinity, mixed number types, strings
   * looking like numbers, nested config, arrays, case differences and tied creation times.
   */
  private static final List<RunData> RUNS = List.of(
      run("a").state("finished").displayName("Alpha-run").tags(List.of("baseline", "needs review"))
          .group("exp-a").jobType("train").user(new UserData("alice", "Alice", "a@example.com")).host("h1")
          .sweepName("s1").computeSeconds(100).createdAt(Instant.parse("2024-01-01T00:00:00Z"))
          .config(config("lr", 0.01, "batch_size", 64L, "optimizer", "adam",
              "model", map("arch", "resnet50", "depth", 50L), "augment", true, "note", null))
          .summary(map("loss", 0.5, "acc", 0.9, "val/loss", 0.6, "steps", List.of(1L, 2L)))
          .build(),
      run("b").state("crashed").displayName("beta").tags(List.of()).user(new UserData("bob", "Bob", null))
          .host("h2").computeSeconds(50).createdAt(Instant.parse("2024-01-02T12:00:00.500Z"))
          .config(config("lr", 0.1, "batch_size", 64.0, "optimizer", "SGD",
              "model", map("arch", "resnet18", "depth", 18L), "augment", false))
          .summary(map("loss", Double.NaN, "acc", 0.1, "val/loss", Double.POSITIVE_INFINITY))
          .build(),
      run("c").state("running").displayName("Gamma").tags(List.of("prod")).group("exp-b").jobType("eval")
          .user(new UserData("carol", "Carol", null)).host("h1").sweepName("s1").computeSeconds(0)
          .createdAt(Instant.parse("2024-01-03T00:00:00Z"))
          .config(config("lr", "0.01", "batch_size", 128L, "optimizer", "Adam"))
          .summary(map())
          .build(),
      run("d").state("finished").displayName(null).tags(List.of("baseline")).group("exp-a").jobType("train")
          .user(new UserData("dmitri", "Dmitri", null)).host(null).computeSeconds(20)
          .createdAt(Instant.parse("2024-01-03T00:00:00Z"))
          .config(config("lr", 0.001, "batch_size", 3_000_000_000L, "model", "resnet"))
          .summary(map("loss", Double.NEGATIVE_INFINITY, "acc", 1L, "val/loss", null))
          .build());

  static Stream<Arguments> caseSensitiveCases() {
    return Stream.of(
        // structure
        Arguments.of("", "a b c d"),
        Arguments.of("{}", "a b c d"),
        Arguments.of("{\"state\": \"finished\"}", "a d"),
        Arguments.of("{\"state\": \"finished\", \"group\": \"exp-a\", \"jobType\": \"train\"}", "a d"),
        Arguments.of("{\"$or\": [{\"state\": \"crashed\"}, {\"config.lr\": {\"$lt\": 0.005}}]}", "b d"),
        Arguments.of("{\"$and\": [{\"state\": \"finished\"}, {\"tags\": \"baseline\"}, {\"config.batch_size\": {\"$gt\": 100}}]}", "d"),
        Arguments.of("{\"$nor\": [{\"state\": \"finished\"}, {\"state\": \"running\"}]}", "b"),
        Arguments.of("{\"summary_metrics.acc\": {\"$gt\": 0.05, \"$lt\": 0.5}}", "b"),
        // $eq / $ne and missing values
        Arguments.of("{\"state\": {\"$eq\": \"finished\"}}", "a d"),
        Arguments.of("{\"state\": {\"$ne\": \"finished\"}}", "b c"),
        Arguments.of("{\"group\": null}", "b"),
        Arguments.of("{\"group\": {\"$eq\": null}}", "b"),
        Arguments.of("{\"group\": {\"$ne\": null}}", "a c d"),
        Arguments.of("{\"group\": {\"$ne\": \"exp-a\"}}", "b c"),
        Arguments.of("{\"host\": {\"$exists\": false}}", "d"),
        Arguments.of("{\"host\": {\"$exists\": true}}", "a b c"),
        Arguments.of("{\"config.note\": null}", "a b c d"),
        Arguments.of("{\"config.note\": {\"$exists\": true}}", "a"),
        Arguments.of("{\"summary_metrics.val/loss\": null}", "c d"),
        Arguments.of("{\"summary_metrics.val/loss\": {\"$exists\": true}}", "a b d"),
        Arguments.of("{\"summary_metrics.loss\": {\"$ne\": 0.5}}", "b c d"),
        // $in / $nin
        Arguments.of("{\"jobType\": {\"$in\": [\"eval\", null]}}", "b c"),
        Arguments.of("{\"jobType\": {\"$nin\": [\"train\"]}}", "b c"),
        Arguments.of("{\"jobType\": {\"$nin\": [\"train\", null]}}", "c"),
        Arguments.of("{\"state\": {\"$in\": []}}", ""),
        // numbers: exact mixed comparison, never across types, big integers
        Arguments.of("{\"config.lr\": {\"$gt\": 0.005}}", "a b"),
        Arguments.of("{\"config.lr\": {\"$lt\": \"1\"}}", "c"),
        Arguments.of("{\"config.lr\": 0.01}", "a"),
        Arguments.of("{\"config.lr\": \"0.01\"}", "c"),
        Arguments.of("{\"config.batch_size\": 64}", "a b"),
        Arguments.of("{\"config.batch_size\": {\"$gte\": 2147483648}}", "d"),
        Arguments.of("{\"config.batch_size\": {\"$lt\": 3000000000.5}}", "a b c d"),
        Arguments.of("{\"summary_metrics.acc\": 1.0}", "d"),
        Arguments.of("{\"duration\": {\"$gte\": 50}}", "a b"),
        // NaN and infinities
        Arguments.of("{\"summary_metrics.loss\": NaN}", "b"),
        Arguments.of("{\"summary_metrics.loss\": {\"$gt\": 0}}", "a"),
        Arguments.of("{\"summary_metrics.loss\": {\"$lt\": 0}}", "d"),
        Arguments.of("{\"summary_metrics.loss\": {\"$gte\": NaN}}", ""),
        Arguments.of("{\"summary_metrics.loss\": {\"$lte\": Infinity}}", "a d"),
        Arguments.of("{\"summary_metrics.val/loss\": {\"$gt\": 1e308}}", "b"),
        Arguments.of("{\"summary_metrics.val/loss\": Infinity}", "b"),
        // booleans equal only booleans
        Arguments.of("{\"config.augment\": true}", "a"),
        Arguments.of("{\"config.augment\": 1}", ""),
        Arguments.of("{\"config.augment\": {\"$ne\": true}}", "b c d"),
        // nested paths, objects
        Arguments.of("{\"config.model.depth\": {\"$lte\": 18}}", "b"),
        Arguments.of("{\"config.model.arch\": \"resnet50\"}", "a"),
        Arguments.of("{\"config.model\": \"resnet\"}", "d"),
        Arguments.of("{\"config.model\": {\"depth\": 50, \"arch\": \"resnet50\"}}", "a"),
        Arguments.of("{\"config.model.arch\": {\"$exists\": true}}", "a b"),
        Arguments.of("{\"config.lr.value\": 0.01}", ""),
        // arrays
        Arguments.of("{\"tags\": \"baseline\"}", "a d"),
        Arguments.of("{\"tags\": {\"$in\": [\"prod\", \"needs review\"]}}", "a c"),
        Arguments.of("{\"tags\": {\"$nin\": [\"baseline\"]}}", "b c"),
        Arguments.of("{\"tags\": {\"$ne\": \"baseline\"}}", "b c"),
        Arguments.of("{\"tags\": [\"baseline\"]}", "d"),
        Arguments.of("{\"tags\": []}", "b"),
        Arguments.of("{\"tags\": {\"$regex\": \"review\"}}", "a"),
        Arguments.of("{\"summary_metrics.steps\": 2}", "a"),
        Arguments.of("{\"summary_metrics.steps\": {\"$gt\": 1}}", "a"),
        Arguments.of("{\"summary_metrics.steps\": {\"$gt\": 2}}", ""),
        // $regex: strings only, unanchored find(), $options i
        Arguments.of("{\"displayName\": {\"$regex\": \"^[A-Z]\"}}", "a c"),
        Arguments.of("{\"display_name\": {\"$regex\": \"ALPHA\", \"$options\": \"i\"}}", "a"),
        Arguments.of("{\"display_name\": {\"$regex\": \"ALPHA\"}}", ""),
        Arguments.of("{\"name\": {\"$regex\": \"[bc]\"}}", "b c"),
        Arguments.of("{\"summary_metrics.acc\": {\"$regex\": \"0\"}}", ""),
        // other attribute keys
        Arguments.of("{\"username\": \"bob\"}", "b"),
        Arguments.of("{\"sweep\": \"s1\"}", "a c"),
        Arguments.of("{\"sweep\": {\"$exists\": false}}", "b d"),
        Arguments.of("{\"host\": \"h1\"}", "a c"),
        Arguments.of("{\"group\": \"exp-b\"}", "c"),
        // createdAt compares as an instant; zone-less means UTC
        Arguments.of("{\"createdAt\": {\"$gte\": \"2024-01-02T12:00:00.5\"}}", "b c d"),
        Arguments.of("{\"createdAt\": {\"$gt\": \"2024-01-02T12:00:00.5\"}}", "c d"),
        Arguments.of("{\"createdAt\": {\"$lt\": \"2024-01-02T00:00:00Z\"}}", "a"),
        Arguments.of("{\"createdAt\": \"2024-01-03T00:00:00\"}", "c d"),
        Arguments.of("{\"createdAt\": {\"$lt\": \"2024-01-03T02:00:00+02:00\"}}", "a b"),
        // case-sensitive strings
        Arguments.of("{\"config.optimizer\": \"adam\"}", "a"),
        Arguments.of("{\"config.optimizer\": {\"$gt\": \"b\"}}", ""),
        Arguments.of("{\"displayName\": \"GAMMA\"}", ""),
        Arguments.of("{\"state\": {\"$gt\": \"d\"}}", "a c d"));
  }

  @ParameterizedTest(name = "{0} -> [{1}]")
  @MethodSource("caseSensitiveCases")
  void caseSensitiveStrings(String filter, String expected) {
    assertEquals(expected, matching(filter, new ValueOrder(false)));
  }

  /** MongoDB's comparison order, where NaN ranks below every number in range filters too. */
  static Stream<Arguments> nanBelowNumbersCases() {
    return Stream.of(
        Arguments.of("{\"summary_metrics.loss\": {\"$lt\": 0}}", "b d"),
        Arguments.of("{\"summary_metrics.loss\": {\"$lt\": -1.7976931348623157E308}}", "b d"),
        Arguments.of("{\"summary_metrics.loss\": {\"$gt\": 0}}", "a"),
        Arguments.of("{\"summary_metrics.loss\": {\"$gte\": -1.7976931348623157E308}}", "a"),
        Arguments.of("{\"summary_metrics.loss\": NaN}", "b"),
        Arguments.of("{\"summary_metrics.loss\": {\"$ne\": 0.5}}", "b c d"));
  }

  @ParameterizedTest(name = "{0} -> [{1}]")
  @MethodSource("nanBelowNumbersCases")
  void nanBelowNumbers(String filter, String expected) {
    assertEquals(expected, matching(filter, new ValueOrder(false, true)));
  }

  static Stream<Arguments> caseInsensitiveCases() {
    return Stream.of(
        Arguments.of("{\"config.optimizer\": \"ADAM\"}", "a c"),
        Arguments.of("{\"config.optimizer\": {\"$in\": [\"sgd\"]}}", "b"),
        Arguments.of("{\"config.optimizer\": {\"$ne\": \"adam\"}}", "b d"),
        Arguments.of("{\"config.optimizer\": {\"$gt\": \"b\"}}", "b"),
        Arguments.of("{\"displayName\": \"GAMMA\"}", "c"),
        Arguments.of("{\"tags\": \"BASELINE\"}", "a d"),
        Arguments.of("{\"config.model\": {\"arch\": \"RESNET50\", \"depth\": 50}}", "a"),
        // $regex stays case-sensitive unless $options says i
        Arguments.of("{\"displayName\": {\"$regex\": \"gamma\"}}", ""),
        Arguments.of("{\"displayName\": {\"$regex\": \"gamma\", \"$options\": \"i\"}}", "c"));
  }

  @ParameterizedTest(name = "{0} -> [{1}]")
  @MethodSource("caseInsensitiveCases")
  void caseInsensitiveStrings(String filter, String expected) {
    assertEquals(expected, matching(filter, new ValueOrder(true)));
  }

  static Stream<Arguments> rejectedFilters() {
    return Stream.of(
        Arguments.of("{\"summary.loss\": 1}", "summary.loss"),
        Arguments.of("{\"config\": 1}", "'config'"),
        Arguments.of("{\"config.\": 1}", "config."),
        Arguments.of("{\"summary_metrics.a..b\": 1}", "summary_metrics.a..b"),
        Arguments.of("{\"tags.baseline\": true}", "tags.baseline"),
        Arguments.of("{\"created_at\": \"2024-01-01\"}", "created_at"),
        Arguments.of("{\"$or\": [{\"nope\": 1}]}", "nope"),
        Arguments.of("{\"state\": {\"$foo\": 1}}", "$foo"),
        Arguments.of("{\"state\": {\"$not\": {\"$eq\": \"x\"}}}", "$not"),
        Arguments.of("{\"tags\": {\"$all\": [\"a\"]}}", "$all"),
        Arguments.of("{\"$where\": \"x\"}", "$where"),
        Arguments.of("{\"$or\": []}", "$or"),
        Arguments.of("{\"$and\": {\"state\": \"x\"}}", "$and"),
        Arguments.of("{\"$nor\": [1]}", "$nor"),
        Arguments.of("{\"state\": {\"$in\": \"finished\"}}", "$in"),
        Arguments.of("{\"state\": {\"$nin\": null}}", "$nin"),
        Arguments.of("{\"state\": {\"$exists\": \"yes\"}}", "$exists"),
        Arguments.of("{\"state\": {\"$eq\": 1, \"plain\": 2}}", "mixes"),
        Arguments.of("{\"state\": {\"$gt\": [1]}}", "$gt"),
        Arguments.of("{\"createdAt\": {\"$gt\": 5}}", "createdAt"),
        Arguments.of("{\"createdAt\": \"yesterday\"}", "createdAt"),
        Arguments.of("{\"displayName\": {\"$regex\": \"(\"}}", "$regex"),
        Arguments.of("{\"displayName\": {\"$regex\": 5}}", "$regex"),
        Arguments.of("{\"displayName\": {\"$options\": \"i\"}}", "$options"),
        Arguments.of("{\"displayName\": {\"$regex\": \"a\", \"$options\": \"q\"}}", "'q'"),
        Arguments.of("not json", "not valid JSON"),
        Arguments.of("[{\"state\": \"x\"}]", "JSON object"),
        Arguments.of("\"state\"", "JSON object"));
  }

  @ParameterizedTest(name = "{0} rejected naming {1}")
  @MethodSource("rejectedFilters")
  void undocumentedKeysAndOperatorsAreRejected(String filter, String named) {
    RequestRejectedException e = assertThrows(RequestRejectedException.class, () -> RunFilter.parse(filter, JSON));
    assertTrue(e.getMessage().contains(named), () -> "message should name " + named + ": " + e.getMessage());
  }

  private static String matching(String filter, ValueOrder values) {
    RunFilter parsed = RunFilter.parse(filter, JSON);
    return RUNS.stream().filter(r -> parsed.test(r, values)).map(RunData::name).collect(Collectors.joining(" "));
  }
}
