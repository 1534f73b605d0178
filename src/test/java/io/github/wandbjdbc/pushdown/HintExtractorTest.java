package io.github.wandbjdbc.pushdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Hints found in WHERE clauses as Calcite plans them, and their values resolved: every hint must
 * select a superset of the rows, and the common shapes must give one.
 */
class HintExtractorTest {
  /** A history-like table: run_id (0), step (1), name (2), loss (3). */
  private static final Map<Integer, HintKind> HINTABLE =
      Map.of(0, HintKind.ANY_OF, 1, HintKind.STEP_RANGE, 2, HintKind.PATTERN);

  private static RelDataType rowType(RelDataTypeFactory f) {
    return f.builder()
        .add("run_id", f.createTypeWithNullability(f.createSqlType(SqlTypeName.VARCHAR), false))
        .add("step", f.createTypeWithNullability(f.createSqlType(SqlTypeName.BIGINT), true))
        .add("name", f.createTypeWithNullability(f.createSqlType(SqlTypeName.VARCHAR), true))
        .add("loss", f.createTypeWithNullability(f.createSqlType(SqlTypeName.DOUBLE), true))
        .build();
  }

  private static ScanHints hints(String where) {
    RexNode condition = Conditions.where("t", HintExtractorTest::rowType, where);
    return HintExtractor.extract(new RexBuilder(new JavaTypeFactoryImpl()), condition, HINTABLE);
  }

  /** Resolves hint values that are all literals, as generated code would. */
  private static ResolvedHints resolved(String where) {
    ScanHints h = hints(where);
    List<Object> values = new ArrayList<>();
    for (RexNode e : h.valueExpressions()) {
      assertTrue(e instanceof org.apache.calcite.rex.RexLiteral, "literal expected: " + e);
      org.apache.calcite.rex.RexLiteral lit = (org.apache.calcite.rex.RexLiteral) e;
      Object v = org.apache.calcite.sql.type.SqlTypeFamily.NUMERIC.contains(lit.getType())
          ? lit.getValueAs(java.math.BigDecimal.class) : lit.getValueAs(String.class);
      values.add(v);
    }
    return ResolvedHints.resolve(h, values.toArray());
  }

  @Test
  void equalityAndInListNameTheRuns() {
    assertEquals(Optional.of(Set.of("a1")), resolved("run_id = 'a1'").anyOf(0));
    assertEquals(Optional.of(Set.of("a1", "b2", "c3")),
        resolved("run_id IN ('a1', 'b2', 'c3')").anyOf(0));
    assertEquals(Optional.of(Set.of("a1", "b2")),
        resolved("run_id = 'a1' OR run_id = 'b2'").anyOf(0));
    assertEquals(Optional.of(Set.of("a1")), resolved("'a1' = run_id AND loss > 1").anyOf(0));
  }

  @Test
  void disjunctionsThatDoNotAllNameARunGiveNoRunHint() {
    assertTrue(resolved("run_id = 'a1' OR loss > 1").anyOf(0).isEmpty());
    assertTrue(resolved("run_id <> 'a1'").anyOf(0).isEmpty());
    assertTrue(resolved("NOT (run_id = 'a1')").anyOf(0).isEmpty());
    assertTrue(resolved("run_id LIKE 'a%'").anyOf(0).isEmpty());
    assertTrue(resolved("name IS NULL OR run_id = 'a'").anyOf(0).isEmpty());
  }

  @Test
  void eachBranchMayCarryMoreThanTheEquality() {
    // The shape of a batched nested-loop join's filter, with literals instead of $cor fields.
    ResolvedHints h = resolved("(run_id = 'a' AND step > 5) OR (run_id = 'b' AND loss < 1)");
    assertEquals(Optional.of(Set.of("a", "b")), h.anyOf(0));
    assertEquals(Long.MIN_VALUE, h.minStep(), "a step bound inside one branch is not a hint");
  }

  @Test
  void stepComparisonsBecomeAWindow() {
    ResolvedHints between = resolved("step BETWEEN 1000 AND 1999");
    assertEquals(1000, between.minStep());
    assertEquals(2000, between.maxStep());
    ResolvedHints open = resolved("step > 10 AND step < 20");
    assertEquals(11, open.minStep());
    assertEquals(20, open.maxStep());
    ResolvedHints reversed = resolved("10 <= step AND 20 >= step");
    assertEquals(10, reversed.minStep());
    assertEquals(21, reversed.maxStep());
    ResolvedHints eq = resolved("step = 7");
    assertEquals(7, eq.minStep());
    assertEquals(8, eq.maxStep());
  }

  @Test
  void fractionalBoundsRoundTowardsTheStepsTheyKeep() {
    ResolvedHints h = resolved("step > 1.5 AND step < 10.5");
    assertEquals(2, h.minStep());
    assertEquals(11, h.maxStep());
    ResolvedHints none = resolved("step = 2.5");
    assertTrue(none.minStep() >= none.maxStep(), "no integral step equals 2.5");
    ResolvedHints le = resolved("step <= 9.9");
    assertEquals(10, le.maxStep());
  }

  @Test
  void stepHintsIgnoreDisjunctionsAndNegations() {
    assertEquals(Long.MIN_VALUE, resolved("step < 5 OR step > 100").minStep());
    assertEquals(Long.MAX_VALUE, resolved("step < 5 OR step > 100").maxStep());
    assertEquals(Long.MAX_VALUE, resolved("NOT (step < 5)").maxStep());
    assertEquals(Long.MIN_VALUE, resolved("step <> 5").minStep());
  }

  @Test
  void likeAndEqualityOnANameBecomeMySqlPatterns() {
    assertEquals(Optional.of("%.json"), resolved("name LIKE '%.json'").pattern(2));
    assertEquals(Optional.of("media/\\_x\\%.png"), resolved("name = 'media/_x%.png'").pattern(2));
    assertEquals(Optional.of("a\\%b%"), resolved("name LIKE 'a!%b%' ESCAPE '!'").pattern(2));
    assertEquals(Optional.of("back\\\\slash%"), resolved("name LIKE 'back\\slash%'").pattern(2));
    assertTrue(resolved("name NOT LIKE '%.json'").pattern(2).isEmpty());
    assertTrue(resolved("name LIKE '%.json' OR loss > 1").pattern(2).isEmpty());
  }

  @Test
  void nullValuesSelectNothing() {
    ScanHints h = hints("run_id = 'a'");
    ResolvedHints r = ResolvedHints.resolve(h, new Object[] {null});
    assertEquals(Optional.of(Set.of()), r.anyOf(0));
  }

  @Test
  void conditionsWithoutHintsGiveNone() {
    assertTrue(hints("loss > 1").isEmpty());
    assertTrue(hints("run_id = name").isEmpty(), "a column is not a value known before the scan");
    assertTrue(hints("step = CHAR_LENGTH(name)").isEmpty());
  }
}
