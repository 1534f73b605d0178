package io.github.wandbjdbc.pushdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wandbjdbc.columns.ColumnType;
import io.github.wandbjdbc.columns.KeyScope;
import io.github.wandbjdbc.columns.RunAttribute;
import io.github.wandbjdbc.columns.RunColumn;
import io.github.wandbjdbc.pushdown.PushedOrder.Step;
import io.github.wandbjdbc.pushdown.PushedOrder.ValueClass;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;

class PushedOrderTest {
  private static final RunColumn LOSS =
      new RunColumn.Key(KeyScope.SUMMARY, List.of("loss"), ColumnType.DOUBLE, 10);
  private static final RunColumn EPOCH =
      new RunColumn.Key(KeyScope.SUMMARY, List.of("best_epoch"), ColumnType.BIGINT, 10);
  private static final RunColumn LR =
      new RunColumn.Key(KeyScope.CONFIG, List.of("lr"), ColumnType.DOUBLE, 10);
  private static final RunColumn DEPTH =
      new RunColumn.Key(KeyScope.CONFIG, List.of("model", "depth"), ColumnType.BIGINT, 10);

  /** The steps as text: segment names, "*" when W&B sorts, "hold …" and "release …". */
  private static String plan(RunColumn column, boolean descending, boolean nullsFirst) {
    return PushedOrder.of(column, descending, nullsFirst).orElseThrow().steps().stream()
        .map(s -> s instanceof Step.Fetch f
            ? f.name() + (f.sorted() ? "*" : "") + (f.hold().isEmpty() ? "" : " hold " + new java.util.TreeSet<>(f.hold()))
            : "release " + ((Step.Release) s).held())
        .collect(Collectors.joining(", "));
  }

  @Test
  void floatingPointKeysFetchNonFiniteValuesApartInSqlOrder() {
    // NaN may come in "below", "above" or "nan" (fails every comparison, or stored as text).
    String ascending = "-infinity hold [NAN], finite*, +infinity hold [NAN], nan, release NAN";
    String descending = "nan, -infinity hold [NEG_INFINITY], +infinity hold [POS_INFINITY],"
        + " release POS_INFINITY, finite*, release NEG_INFINITY";
    assertEquals(ascending + ", null", plan(LOSS, false, false));
    assertEquals("null, " + ascending, plan(LOSS, false, true));
    assertEquals("null, " + descending, plan(LOSS, true, true));
    assertEquals(descending + ", null", plan(LOSS, true, false));
  }

  @Test
  void integerKeysNeedOnlyANullSegment() {
    assertEquals("value*, null", plan(EPOCH, false, false));
    assertEquals("null, value*", plan(EPOCH, true, true));
  }

  @Test
  void creationTimeIsNeverNull() {
    RunColumn created = new RunColumn.Attribute(RunAttribute.CREATED_AT);
    assertEquals("all*", plan(created, true, true));
    assertEquals("-created_at", PushedOrder.of(created, true, true).orElseThrow().wireOrder());
  }

  @Test
  void segmentFiltersSeparateValuesWhateverTheServerDoesWithNan() {
    List<Step> steps = PushedOrder.of(LOSS, false, false).orElseThrow().steps();
    String filters = steps.stream().filter(s -> s instanceof Step.Fetch)
        .map(s -> ((Step.Fetch) s).segment().orElseThrow().describe().toString())
        .collect(Collectors.joining("\n"));
    assertEquals(String.join("\n",
        "{\"$or\":[{\"summary_metrics.loss\":{\"$lt\":-1.7976931348623157E308}},{\"summary_metrics.loss\":\"-Infinity\"}]}",
        "{\"summary_metrics.loss\":{\"$gte\":-1.7976931348623157E308,\"$lte\":1.7976931348623157E308}}",
        "{\"$or\":[{\"summary_metrics.loss\":{\"$gt\":1.7976931348623157E308}},{\"summary_metrics.loss\":\"Infinity\"}]}",
        "{\"$nor\":[{\"$or\":[{\"summary_metrics.loss\":null},{\"summary_metrics.loss\":{\"$exists\":false}}]},"
            + "{\"$or\":[{\"summary_metrics.loss\":{\"$lt\":-1.7976931348623157E308}},{\"summary_metrics.loss\":\"-Infinity\"}]},"
            + "{\"summary_metrics.loss\":{\"$gte\":-1.7976931348623157E308}},{\"summary_metrics.loss\":\"Infinity\"}]}",
        "{\"$or\":[{\"summary_metrics.loss\":null},{\"summary_metrics.loss\":{\"$exists\":false}}]}"), filters);
  }

  @Test
  void orderKeysFollowW_BsDocumentedForms() {
    assertEquals("+summary_metrics.loss", PushedOrder.of(LOSS, false, false).orElseThrow().wireOrder());
    assertEquals("-config.lr.value", PushedOrder.of(LR, true, true).orElseThrow().wireOrder());
    assertFalse(PushedOrder.isPushable(DEPTH), "nested config keys have no documented order key");
    assertFalse(PushedOrder.isPushable(new RunColumn.Attribute(RunAttribute.HEARTBEAT_AT)),
        "its NULLs cannot be told apart by a filter");
    assertFalse(PushedOrder.isPushable(new RunColumn.Attribute(RunAttribute.DISPLAY_NAME)),
        "text: the server's collation is not SQL's");
    assertTrue(PushedOrder.isPushable(new RunColumn.Key(KeyScope.SUMMARY, List.of("val", "acc"),
        ColumnType.DOUBLE, 1)));
  }

  @Test
  void classifiesValuesByWhereTheyBelong() {
    assertEquals(ValueClass.NULL, PushedOrder.classify(null));
    assertEquals(ValueClass.NAN, PushedOrder.classify(Double.NaN));
    assertEquals(ValueClass.NEG_INFINITY, PushedOrder.classify(Double.NEGATIVE_INFINITY));
    assertEquals(ValueClass.POS_INFINITY, PushedOrder.classify(Double.POSITIVE_INFINITY));
    assertEquals(ValueClass.FINITE, PushedOrder.classify(0.5));
    assertEquals(ValueClass.FINITE, PushedOrder.classify(7L));
  }
}
