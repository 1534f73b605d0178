package io.github.wandbjdbc.pushdown;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.wandbjdbc.model.KeySelection;
import io.github.wandbjdbc.model.RunField;
import io.github.wandbjdbc.model.RunNode;
import io.github.wandbjdbc.model.RunSelection;
import io.github.wandbjdbc.model.WandbJson;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The driver's own evaluation of a pushed filter, used when W&B refuses one: MongoDB's semantics
 * as W&B applies them, not SQL's.
 */
class LocalFilterTest {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private static final Bindings NO_PARAMETERS = new Bindings() {
    @Override
    public Object parameter(int index) {
      return null;
    }

    @Override
    public long currentTimestampMillis() {
      return Instant.parse("2025-06-01T00:00:00Z").toEpochMilli();
    }
  };

  /** Runs a, b, c, d: loss 0.5, NaN, missing, 2; lr 0.01 in a and b only; tags vary. */
  private static final List<RunNode> RUNS = List.of(
      run("a", "finished", "2025-01-01T00:00:00Z", List.of("baseline", "fp16"),
          "{\"lr\": 0.01, \"opt\": {\"name\": \"adam\"}}", "{\"loss\": 0.5}"),
      run("b", "crashed", "2025-03-01T00:00:00Z", List.of("fp16"),
          "{\"lr\": 0.01}", "{\"loss\": NaN}"),
      run("c", "finished", "2025-05-01T00:00:00Z", List.of(), "{}", "{}"),
      run("d", "failed", "2025-07-01T00:00:00Z", List.of("Baseline"),
          "{\"lr\": 1}", "{\"loss\": 2}"));

  private static RunNode run(String name, String state, String created, List<String> tags,
      String config, String summary) {
    return new RunNode(name, "run-" + name, state, Instant.parse(created), null, null, null, tags,
        null, null, null, null, null, null, object(config), object(summary));
  }

  private static ObjectNode object(String json) {
    return (ObjectNode) WandbJson.parseJsonString(json);
  }

  private static FilterExpr cond(String key, FilterOp op, JsonNode value) {
    return new FilterExpr.Condition(key, op, new Operand.Constant(value));
  }

  private static String matching(FilterExpr filter) {
    LocalFilter f = new LocalFilter(filter, NO_PARAMETERS);
    return RUNS.stream().filter(f).map(RunNode::name).collect(Collectors.joining());
  }

  @Test
  void comparisonsFailOnMissingKeysAndNan() {
    assertEquals("a", matching(cond("summary_metrics.loss", FilterOp.LT, JSON.numberNode(1))));
    assertEquals("ad", matching(cond("summary_metrics.loss", FilterOp.GTE,
        JSON.numberNode(-Double.MAX_VALUE))));
    assertEquals("d", matching(cond("summary_metrics.loss", FilterOp.GT, JSON.numberNode(0.5))));
    assertEquals("a", matching(cond("summary_metrics.loss", FilterOp.EQ, JSON.numberNode(0.5))));
  }

  @Test
  void notEqualAndNotInMatchMissingKeysUnlessNullIsListed() {
    assertEquals("bcd", matching(cond("summary_metrics.loss", FilterOp.NE, JSON.numberNode(0.5))));
    assertEquals("bd", matching(cond("summary_metrics.loss", FilterOp.NIN,
        JSON.arrayNode().add(0.5).add(NullNode.getInstance()))));
    assertEquals("c", matching(cond("config.lr", FilterOp.EQ, NullNode.getInstance())));
    assertEquals("abd", matching(cond("config.lr", FilterOp.NE, NullNode.getInstance())));
  }

  @Test
  void numbersCompareByValueWhateverTheirJsonForm() {
    assertEquals("d", matching(cond("config.lr", FilterOp.EQ, JSON.numberNode(1.0))));
    assertEquals("ab", matching(cond("config.lr", FilterOp.IN,
        JSON.arrayNode().add(new java.math.BigDecimal("0.010")))));
  }

  @Test
  void regexIsUnanchoredAndCaseSensitive() {
    assertEquals("abcd", matching(cond("displayName", FilterOp.REGEX, JSON.textNode("un-"))));
    assertEquals("", matching(cond("displayName", FilterOp.REGEX, JSON.textNode("^un-"))));
    assertEquals("", matching(cond("displayName", FilterOp.REGEX, JSON.textNode("RUN"))));
  }

  @Test
  void anArrayMatchesWhenAnElementDoes() {
    assertEquals("ab", matching(cond("tags", FilterOp.EQ, JSON.textNode("fp16"))));
    assertEquals("a", matching(cond("tags", FilterOp.EQ, JSON.textNode("baseline"))));
    assertEquals("cd", matching(cond("tags", FilterOp.NE, JSON.textNode("fp16"))));
  }

  @Test
  void nestedConfigPathsAndCreationTime() {
    assertEquals("a", matching(cond("config.opt.name", FilterOp.EQ, JSON.textNode("adam"))));
    assertEquals("cd", matching(cond("createdAt", FilterOp.GTE,
        JSON.textNode("2025-04-30T23:59:59"))));
  }

  @Test
  void logicCombinesParts() {
    FilterExpr crashedOrFailed = new FilterExpr.Any(List.of(
        cond("state", FilterOp.EQ, JSON.textNode("crashed")),
        cond("state", FilterOp.EQ, JSON.textNode("failed"))));
    assertEquals("bd", matching(crashedOrFailed));
    assertEquals("ac", matching(new FilterExpr.NoneOf(List.of(crashedOrFailed))));
    assertEquals("b", matching(FilterExpr.all(List.of(crashedOrFailed,
        cond("config.lr", FilterOp.LT, JSON.numberNode(0.1))))));
  }

  @Test
  void needsTheFieldsAndTopLevelKeysTheFilterReads() {
    RunSelection needs = LocalFilter.needs(FilterExpr.all(List.of(
        cond("state", FilterOp.EQ, JSON.textNode("x")),
        cond("config.opt.name", FilterOp.EQ, JSON.textNode("adam")),
        cond("summary_metrics.loss", FilterOp.LT, JSON.numberNode(1)))));
    assertEquals(Set.of(RunField.STATE), needs.fields());
    assertEquals(KeySelection.subset(List.of("opt")), needs.config());
    assertEquals(KeySelection.subset(List.of("loss")), needs.summary());
  }
}
