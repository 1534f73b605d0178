package io.github.wandbjdbc.pushdown;

import io.github.wandbjdbc.columns.FilterKind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

class FilterExprTest {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private static Bindings params(Map<Integer, Object> values) {
    return new Bindings() {
      @Override
      public Object parameter(int index) {
        return values.get(index);
      }

      @Override
      public long currentTimestampMillis() {
        return 1_735_689_600_500L; // 2025-01-01T00:00:00.500Z
      }
    };
  }

  private static FilterExpr.Condition cond(String key, FilterOp op, Operand operand) {
    return new FilterExpr.Condition(key, op, operand);
  }

  @Test
  void parametersBindToJsonOfTheColumnsKind() {
    FilterExpr f = FilterExpr.all(List.of(
        cond("state", FilterOp.EQ, new Operand.Parameter(0, FilterKind.LOWERCASE_ENUM)),
        cond("config.batch_size", FilterOp.GTE, new Operand.Parameter(1, FilterKind.INTEGER)),
        cond("config.lr", FilterOp.LT, new Operand.Parameter(2, FilterKind.FLOAT))));
    assertEquals("{\"state\":\"failed\",\"config.batch_size\":{\"$gte\":64},\"config.lr\":{\"$lt\":0.5}}",
        f.bind(params(Map.of(0, "failed", 1, 64L, 2, new BigDecimal("0.5")))).orElseThrow()
            .toString());
  }

  @Test
  void aConditionWithoutAValueIsDroppedLeavingAWeakerFilter() {
    FilterExpr f = FilterExpr.all(List.of(
        cond("state", FilterOp.EQ, new Operand.Parameter(0, FilterKind.LOWERCASE_ENUM)),
        cond("config.lr", FilterOp.GT, new Operand.Parameter(1, FilterKind.FLOAT))));
    assertEquals("{\"state\":\"x\"}",
        f.bind(params(Map.of(0, "x", 1, Double.NaN))).orElseThrow().toString(), "NaN");
    assertTrue(f.bind(params(Map.of())).isEmpty(), "no values: no constraint at all");
    FilterExpr any = new FilterExpr.Any(List.of(
        cond("state", FilterOp.EQ, new Operand.Constant(JSON.textNode("a"))),
        cond("host", FilterOp.EQ, new Operand.Parameter(0, FilterKind.STRING))));
    assertTrue(any.bind(params(Map.of())).isEmpty(), "an OR branch without constraint is TRUE");
  }

  @Test
  void boundsOnOneKeyShareAnObjectAndClashesBecomeAnd() {
    FilterExpr range = FilterExpr.all(List.of(
        cond("x", FilterOp.GTE, new Operand.Constant(JSON.numberNode(1))),
        cond("x", FilterOp.LT, new Operand.Constant(JSON.numberNode(5)))));
    assertEquals("{\"x\":{\"$gte\":1,\"$lt\":5}}", range.describe().toString());
    FilterExpr clash = FilterExpr.all(List.of(
        cond("x", FilterOp.GT, new Operand.Constant(JSON.numberNode(1))),
        cond("x", FilterOp.GT, new Operand.Constant(JSON.numberNode(2)))));
    assertEquals("{\"$and\":[{\"x\":{\"$gt\":1}},{\"x\":{\"$gt\":2}}]}", clash.describe().toString());
    FilterExpr eqTwice = FilterExpr.all(List.of(
        cond("x", FilterOp.EQ, new Operand.Constant(JSON.numberNode(1))),
        cond("x", FilterOp.NE, new Operand.Constant(NullNode.getInstance()))));
    assertEquals("{\"$and\":[{\"x\":1},{\"x\":{\"$ne\":null}}]}", eqTwice.describe().toString());
  }

  @Test
  void looseStringsMatchTheNumberOrBooleanTheyAlsoSpell() {
    assertEquals("[\"5\",5]", Operand.Values.looseAlternatives("5").toString());
    assertEquals("[\"1e-3\",0.001]", Operand.Values.looseAlternatives("1e-3").toString());
    assertEquals("[\"true\",true]", Operand.Values.looseAlternatives("true").toString());
    assertEquals("[\"adam\"]", Operand.Values.looseAlternatives("adam").toString());
  }

  @Test
  void timeBoundsAreWholeSecondsWidenedOutwards() {
    assertEquals("2024-12-31T23:59:59", TimeBound.format(1_735_689_600_000L, true));
    assertEquals("2025-01-01T00:00:01", TimeBound.format(1_735_689_600_000L, false));
    assertEquals("2024-12-31T23:59:59", TimeBound.format(1_735_689_600_500L, true));
    assertEquals("2025-01-01T00:00:02", TimeBound.format(1_735_689_600_500L, false));
    FilterExpr recent = cond("createdAt", FilterOp.GTE,
        new TimeBound(new TimeBound.Source.Now(-86_400_000L), true));
    assertEquals("{\"createdAt\":{\"$gte\":\"2024-12-30T23:59:59\"}}",
        recent.bind(params(Map.of())).orElseThrow().toString());
  }

  @Test
  void likePatternsBecomeTheirLongestLiteralRunEscaped() {
    assertEquals("swift-", LikePatterns.supersetRegex("swift-%", null).orElseThrow());
    assertEquals("a\\.b\\*", LikePatterns.supersetRegex("%x_a.b*%", null).orElseThrow());
    assertEquals("50%", LikePatterns.supersetRegex("50\\%%", '\\').orElseThrow());
    assertTrue(LikePatterns.supersetRegex("%_%", null).isEmpty());
  }
}
