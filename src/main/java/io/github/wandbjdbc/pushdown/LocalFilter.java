package io.github.wandbjdbc.pushdown;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.wandbjdbc.model.KeySelection;
import io.github.wandbjdbc.model.RunField;
import io.github.wandbjdbc.model.RunNode;
import io.github.wandbjdbc.model.RunSelection;
import io.github.wandbjdbc.model.WandbJson;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Evaluates a pushed filter in the driver, for when W&B refuses it (docs/WIRE.md, Refusals and the
 * fallback). The semantics are the ones the translations assume of W&B — MongoDB's, strings
 * compared as they are, NaN failing every comparison — under which an exact translation selects
 * exactly SQL's rows and a superset one at least them (their SQL predicate stays in Calcite
 * anyway). Pure.
 */
public final class LocalFilter implements Predicate<RunNode> {
  private static final Map<String, RunField> ATTRIBUTE_FIELDS = Map.of(
      "displayName", RunField.DISPLAY_NAME, "state", RunField.STATE,
      "createdAt", RunField.CREATED_AT, "group", RunField.GROUP, "jobType", RunField.JOB_TYPE,
      "tags", RunField.TAGS, "username", RunField.USER, "host", RunField.HOST,
      "sweep", RunField.SWEEP_NAME);

  private final FilterExpr filter;
  private final Bindings bindings;

  public LocalFilter(FilterExpr filter, Bindings bindings) {
    this.filter = filter;
    this.bindings = bindings;
  }

  @Override
  public boolean test(RunNode run) {
    return matches(filter, run);
  }

  /** The fields a run needs for the filter to be evaluated on it. */
  public static RunSelection needs(FilterExpr filter) {
    Set<RunField> fields = EnumSet.noneOf(RunField.class);
    Set<String> config = new LinkedHashSet<>();
    Set<String> summary = new LinkedHashSet<>();
    for (String key : FilterExpr.conditions(filter, FilterExpr.Condition::key)) {
      if (key.startsWith("config.")) {
        config.add(key.substring("config.".length()).split("\\.")[0]);
      } else if (key.startsWith("summary_metrics.")) {
        summary.add(key.substring("summary_metrics.".length()).split("\\.")[0]);
      } else if (ATTRIBUTE_FIELDS.containsKey(key)) {
        fields.add(ATTRIBUTE_FIELDS.get(key));
      }
    }
    return new RunSelection(fields, KeySelection.subset(List.copyOf(config)),
        KeySelection.subset(List.copyOf(summary)));
  }

  private boolean matches(FilterExpr e, RunNode run) {
    if (e instanceof FilterExpr.All all) {
      return all.parts().stream().allMatch(p -> matches(p, run));
    }
    if (e instanceof FilterExpr.Any any) {
      return any.parts().stream().anyMatch(p -> matches(p, run));
    }
    if (e instanceof FilterExpr.NoneOf none) {
      return none.parts().stream().noneMatch(p -> matches(p, run));
    }
    FilterExpr.Condition c = (FilterExpr.Condition) e;
    Optional<JsonNode> operand = c.operand().bind(bindings);
    if (operand.isEmpty()) {
      return true; // dropped for want of a value, as on the wire
    }
    if (c.op() == FilterOp.EXISTS) {
      return present(c.key(), run) == operand.get().asBoolean();
    }
    return test(c.key(), c.op(), operand.get(), value(c.key(), run));
  }

  /** Whether a run has the key (a JSON null counts; an attribute without value does not). */
  static boolean present(String key, RunNode run) {
    if (key.startsWith("config.")) {
      return at(run.config(), key.substring("config.".length())) != null;
    }
    if (key.startsWith("summary_metrics.")) {
      return at(run.summary(), key.substring("summary_metrics.".length())) != null;
    }
    return value(key, run) != null;
  }

  private static boolean test(String key, FilterOp op, JsonNode operand, Object value) {
    switch (op) {
      case EQ:
        return equal(value, operand);
      case NE:
        return !equal(value, operand);
      case IN:
        return contains(operand, value);
      case NIN:
        return !contains(operand, value);
      case REGEX: {
        Pattern p = Pattern.compile(operand.asText());
        return candidates(value).stream().anyMatch(v -> v instanceof String s && p.matcher(s).find());
      }
      default: {
        Object bound = key.equals("createdAt") ? WandbJson.parseDateTime(operand.asText())
            : plain(operand);
        return candidates(value).stream().anyMatch(v -> compare(v, bound)
            .map(cmp -> switch (op) {
              case GT -> cmp > 0;
              case GTE -> cmp >= 0;
              case LT -> cmp < 0;
              default -> cmp <= 0;
            }).orElse(false));
      }
    }
  }

  private static boolean contains(JsonNode list, Object value) {
    for (JsonNode o : list) {
      if (equal(value, o)) {
        return true;
      }
    }
    return false;
  }

  /** Equality; an array matches when an element does; null matches missing. */
  private static boolean equal(Object value, JsonNode operand) {
    Object o = plain(operand);
    if (value instanceof List<?> list && list.stream().anyMatch(v -> same(v, o))) {
      return true;
    }
    return same(value, o);
  }

  private static boolean same(Object a, Object b) {
    if (a == null || b == null) {
      return a == b;
    }
    if (a instanceof Number x && b instanceof Number y) {
      return compareNumbers(x, y) == 0;
    }
    return a.getClass() == b.getClass() && a.equals(b);
  }

  /** Within one type only; NaN compares with nothing. */
  private static Optional<Integer> compare(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      if (isNaN(x) || isNaN(y)) {
        return Optional.empty();
      }
      return Optional.of(compareNumbers(x, y));
    }
    if (a instanceof String x && b instanceof String y) {
      return Optional.of(x.compareTo(y));
    }
    if (a instanceof Boolean x && b instanceof Boolean y) {
      return Optional.of(x.compareTo(y));
    }
    if (a instanceof Instant x && b instanceof Instant y) {
      return Optional.of(x.compareTo(y));
    }
    return Optional.empty();
  }

  private static int compareNumbers(Number x, Number y) {
    if (isNaN(x) || isNaN(y)) {
      return isNaN(x) && isNaN(y) ? 0 : 1;
    }
    double dx = x.doubleValue();
    double dy = y.doubleValue();
    if (Double.isInfinite(dx) || Double.isInfinite(dy)) {
      return Double.compare(dx, dy);
    }
    return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString()));
  }

  private static boolean isNaN(Number n) {
    return n instanceof Double d && d.isNaN();
  }

  private static List<Object> candidates(Object value) {
    if (value instanceof List<?> list) {
      return new ArrayList<>(list);
    }
    List<Object> one = new ArrayList<>();
    one.add(value);
    return one;
  }

  /** A run's value for a filter key, as plain Java values; null when missing. */
  static Object value(String key, RunNode run) {
    if (key.startsWith("config.")) {
      return plain(at(run.config(), key.substring("config.".length())));
    }
    if (key.startsWith("summary_metrics.")) {
      return plain(at(run.summary(), key.substring("summary_metrics.".length())));
    }
    return switch (key) {
      case "name" -> run.name();
      case "displayName" -> run.displayName();
      case "state" -> run.state();
      case "createdAt" -> run.createdAt();
      case "group" -> run.group();
      case "jobType" -> run.jobType();
      case "tags" -> run.tags() == null ? null : new ArrayList<Object>(run.tags());
      case "username" -> run.username();
      case "host" -> run.host();
      case "sweep" -> run.sweepName();
      default -> throw new IllegalArgumentException("no such filter key: " + key);
    };
  }

  private static JsonNode at(JsonNode document, String path) {
    JsonNode node = document;
    for (String k : path.split("\\.")) {
      if (node == null || !node.isObject()) {
        return null;
      }
      node = node.get(k);
    }
    return node;
  }

  private static Object plain(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isNumber()) {
      return node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue())
          ? (Object) node.doubleValue() : node.decimalValue();
    }
    if (node.isTextual()) {
      return node.asText();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>();
      node.forEach(n -> list.add(plain(n)));
      return list;
    }
    return node; // objects compare with nothing but themselves
  }

  @Override
  public String toString() {
    return "LocalFilter" + Objects.toString(filter.describe());
  }
}
