package io.github.wandbjdbc.testserver.semantics;

import io.github.wandbjdbc.testserver.data.JsonValues;
import io.github.wandbjdbc.testserver.data.RunData;
import io.github.wandbjdbc.testserver.data.WandbDateTime;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntPredicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The runs {@code filters} argument: a MongoDB-style document (sent as a JSONString), parsed once and
 * evaluated per run. The driver relies on exactly these semantics, which follow MongoDB's:
 *
 * <ul>
 *   <li><b>Structure.</b> A document is the AND of its entries. Logical operators {@code $and},
 *       {@code $or}, {@code $nor} take a non-empty array of documents. A field entry is either
 *       {@code key: value} (implicit {@code $eq}; an object value without {@code $} keys is a literal
 *       object) or {@code key: {$op: operand, …}} (the AND of its operators). Mixing {@code $} and
 *       plain keys in one object, an unknown {@code $operator}, an undocumented key (see
 *       {@link RunField#FILTER_KEYS}) or malformed JSON is rejected with HTTP 400 naming the culprit.
 *       An absent, empty or {@code {}} filter matches every run.</li>
 *   <li><b>Missing values.</b> A missing path and an attribute without value behave as {@code null}
 *       (unless the server runs with {@code missingKeysMatchNothing}: then a missing config or
 *       summary path matches no operator but {@code $exists: false}):
 *       {@code $eq: null} (and {@code $in} containing null) matches them; {@code $ne} and {@code $nin}
 *       with a non-null operand match them; {@code $gt/$gte/$lt/$lte/$regex} never do.
 *       {@code $exists: true} matches when the path is present (a JSON {@code null} counts as present;
 *       a run attribute without value does not).</li>
 *   <li><b>Types.</b> {@code $eq}/{@code $in} compare within a type only: numbers by numeric value
 *       (integers and doubles mix), strings with strings, booleans only with booleans, objects and
 *       arrays deeply. {@code $gt/$gte/$lt/$lte} take a number, string, boolean (or date-time for
 *       {@code createdAt}) operand and only match values of the same type; never across types.</li>
 *   <li><b>NaN and infinities.</b> NaN equals NaN; every ordering comparison involving NaN is false.
 *       ±Infinity are numbers and order as such.</li>
 *   <li><b>Arrays</b> ({@code tags}, or any list in config/summary): {@code $eq}/{@code $in} match when
 *       an element matches or the whole array equals the operand; {@code $ne}/{@code $nin} match when
 *       neither does; ordering operators and {@code $regex} match when any element does.</li>
 *   <li><b>{@code $regex}</b> applies to strings only, with Java regular expressions and
 *       {@code Matcher.find()} semantics (unanchored). {@code $options} may hold {@code i}
 *       (case-insensitive), {@code m}, {@code s}, {@code x}. It is case-sensitive unless {@code i} is
 *       given, whatever the string comparison mode.</li>
 *   <li><b>createdAt</b> compares as an instant; operands must be ISO-8601 strings (a value without
 *       zone is UTC) or null.</li>
 *   <li><b>Strings</b> compare (equality and order) case-insensitively when the server runs with
 *       {@code caseInsensitiveStrings}, else by UTF-16 code units.</li>
 * </ul>
 */
public final class RunFilter {

  private static final RunFilter ALL = new RunFilter(new Node.And(List.of()), "{}");

  private final Node root;
  private final String text;

  private RunFilter(Node root, String text) {
    this.root = root;
    this.text = text;
  }

  /** A filter that matches every run. */
  static RunFilter all() {
    return ALL;
  }

  /** Parses the {@code filters} JSONString; null or blank means no filter. */
  static RunFilter parse(String filters, JsonValues json) {
    if (filters == null || filters.isBlank()) {
      return ALL;
    }
    Object document;
    try {
      document = json.parseJson(filters);
    } catch (IOException e) {
      String detail = e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.toString();
      throw new RequestRejectedException("filters is not valid JSON: " + detail);
    }
    if (!(document instanceof Map<?, ?> map)) {
      throw new RequestRejectedException("filters must be a JSON object, got: " + filters);
    }
    return new RunFilter(parseDocument(map), filters);
  }

  boolean test(RunData run, ValueOrder values) {
    return root.test(run, values);
  }

  @Override
  public String toString() {
    return text;
  }

  /** The parsed filter tree. */
  private sealed interface Node {
    boolean test(RunData run, ValueOrder values);

    record And(List<Node> parts) implements Node {
      public boolean test(RunData run, ValueOrder values) {
        return parts.stream().allMatch(p -> p.test(run, values));
      }
    }

    record Or(List<Node> parts) implements Node {
      public boolean test(RunData run, ValueOrder values) {
        return parts.stream().anyMatch(p -> p.test(run, values));
      }
    }

    record Nor(List<Node> parts) implements Node {
      public boolean test(RunData run, ValueOrder values) {
        return parts.stream().noneMatch(p -> p.test(run, values));
      }
    }

    record Condition(RunField field, Operator operator, Object operand) implements Node {
      public boolean test(RunData run, ValueOrder values) {
        return operator.test(field.read(run), operand, values);
      }
    }
  }

  /** One comparison operator; {@code operand} has been validated and converted by the parser. */
  private enum Operator {
    EQ, NE, GT, GTE, LT, LTE, IN, NIN, EXISTS, REGEX;

    boolean test(FieldValue field, Object operand, ValueOrder values) {
      Object value = field.value();
      if (field.missingKey() && values.missingKeysMatchNothing() && this != EXISTS) {
        return false;
      }
      switch (this) {
        case EQ:
          return matchesEquality(value, operand, values);
        case NE:
          return !matchesEquality(value, operand, values);
        case IN:
          return ((List<?>) operand).stream().anyMatch(o -> matchesEquality(value, o, values));
        case NIN:
          return ((List<?>) operand).stream().noneMatch(o -> matchesEquality(value, o, values));
        case EXISTS:
          return field.present() == (Boolean) operand;
        case REGEX:
          return candidates(value).stream()
              .anyMatch(c -> c instanceof String s && ((Pattern) operand).matcher(s).find());
        case GT:
          return ordered(value, operand, values, c -> c > 0);
        case GTE:
          return ordered(value, operand, values, c -> c >= 0);
        case LT:
          return ordered(value, operand, values, c -> c < 0);
        case LTE:
          return ordered(value, operand, values, c -> c <= 0);
        default:
          throw new AssertionError(this);
      }
    }

    private static boolean matchesEquality(Object value, Object operand, ValueOrder values) {
      if (value instanceof List<?> list && list.stream().anyMatch(e -> values.equal(e, operand))) {
        return true;
      }
      return values.equal(value, operand);
    }

    private static boolean ordered(Object value, Object operand, ValueOrder values, IntPredicate accept) {
      return candidates(value).stream().anyMatch(c -> {
        Optional<Integer> comparison = values.compareForFilter(c, operand);
        return comparison.isPresent() && accept.test(comparison.get());
      });
    }

    /** The values an ordering or regex operator looks at: an array's elements, else the value. */
    private static List<?> candidates(Object value) {
      return value instanceof List<?> list ? list : java.util.Collections.singletonList(value);
    }
  }

  private static Node parseDocument(Map<?, ?> document) {
    List<Node> parts = new ArrayList<>();
    for (Map.Entry<?, ?> entry : document.entrySet()) {
      String key = String.valueOf(entry.getKey());
      Object value = entry.getValue();
      if (key.startsWith("$")) {
        parts.add(parseLogical(key, value));
      } else {
        parts.addAll(parseField(RunField.forFilterKey(key), value));
      }
    }
    return parts.size() == 1 ? parts.get(0) : new Node.And(parts);
  }

  private static Node parseLogical(String operator, Object value) {
    if (!operator.equals("$and") && !operator.equals("$or") && !operator.equals("$nor")) {
      throw new RequestRejectedException("unsupported top-level operator '" + operator
          + "'; supported: $and, $or, $nor (and field operators inside a field)");
    }
    if (!(value instanceof List<?> list) || list.isEmpty()) {
      throw new RequestRejectedException(operator + " needs a non-empty array of filter documents");
    }
    List<Node> parts = new ArrayList<>();
    for (Object element : list) {
      if (!(element instanceof Map<?, ?> sub)) {
        throw new RequestRejectedException(operator + " needs a non-empty array of filter documents, got element: " + element);
      }
      parts.add(parseDocument(sub));
    }
    switch (operator) {
      case "$and":
        return new Node.And(parts);
      case "$or":
        return new Node.Or(parts);
      default:
        return new Node.Nor(parts);
    }
  }

  private static List<Node> parseField(RunField field, Object value) {
    if (!(value instanceof Map<?, ?> map) || map.keySet().stream().noneMatch(k -> String.valueOf(k).startsWith("$"))) {
      return List.of(new Node.Condition(field, Operator.EQ, equalityOperand(field, value)));
    }
    if (!map.keySet().stream().allMatch(k -> String.valueOf(k).startsWith("$"))) {
      throw new RequestRejectedException("filter on '" + field.key() + "' mixes $operators and plain keys: " + value);
    }
    if (map.containsKey("$options") && !map.containsKey("$regex")) {
      throw new RequestRejectedException("$options on '" + field.key() + "' needs $regex");
    }
    List<Node> conditions = new ArrayList<>();
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      String operator = String.valueOf(entry.getKey());
      Object operand = entry.getValue();
      switch (operator) {
        case "$eq":
          conditions.add(new Node.Condition(field, Operator.EQ, equalityOperand(field, operand)));
          break;
        case "$ne":
          conditions.add(new Node.Condition(field, Operator.NE, equalityOperand(field, operand)));
          break;
        case "$gt":
          conditions.add(new Node.Condition(field, Operator.GT, orderingOperand(field, operator, operand)));
          break;
        case "$gte":
          conditions.add(new Node.Condition(field, Operator.GTE, orderingOperand(field, operator, operand)));
          break;
        case "$lt":
          conditions.add(new Node.Condition(field, Operator.LT, orderingOperand(field, operator, operand)));
          break;
        case "$lte":
          conditions.add(new Node.Condition(field, Operator.LTE, orderingOperand(field, operator, operand)));
          break;
        case "$in":
          conditions.add(new Node.Condition(field, Operator.IN, listOperand(field, operator, operand)));
          break;
        case "$nin":
          conditions.add(new Node.Condition(field, Operator.NIN, listOperand(field, operator, operand)));
          break;
        case "$exists":
          if (!(operand instanceof Boolean) && !(operand instanceof Number)) {
            throw new RequestRejectedException("$exists on '" + field.key() + "' needs true or false");
          }
          boolean exists = operand instanceof Boolean b ? b : ((Number) operand).doubleValue() != 0;
          conditions.add(new Node.Condition(field, Operator.EXISTS, exists));
          break;
        case "$regex":
          conditions.add(new Node.Condition(field, Operator.REGEX, pattern(field, operand, map.get("$options"))));
          break;
        case "$options":
          break; // consumed by $regex
        default:
          throw new RequestRejectedException("unsupported filter operator '" + operator + "' on '" + field.key()
              + "'; supported: $eq $ne $gt $gte $lt $lte $in $nin $exists $regex ($options)");
      }
    }
    return conditions;
  }

  private static Object equalityOperand(RunField field, Object operand) {
    if (field.instant() && operand != null) {
      return instant(field, operand);
    }
    return operand;
  }

  private static Object orderingOperand(RunField field, String operator, Object operand) {
    if (field.instant()) {
      return operand == null ? null : instant(field, operand);
    }
    if (operand != null && !(operand instanceof Number) && !(operand instanceof String) && !(operand instanceof Boolean)) {
      throw new RequestRejectedException(operator + " on '" + field.key() + "' needs a number, string or boolean, got: " + operand);
    }
    return operand;
  }

  private static List<Object> listOperand(RunField field, String operator, Object operand) {
    if (!(operand instanceof List<?> list)) {
      throw new RequestRejectedException(operator + " on '" + field.key() + "' needs an array, got: " + operand);
    }
    List<Object> converted = new ArrayList<>(list.size());
    list.forEach(o -> converted.add(equalityOperand(field, o)));
    return converted;
  }

  private static Instant instant(RunField field, Object operand) {
    if (operand instanceof String s) {
      Optional<Instant> parsed = WandbDateTime.parse(s);
      if (parsed.isPresent()) {
        return parsed.get();
      }
    }
    throw new RequestRejectedException("'" + field.key() + "' compares with ISO-8601 date-time strings, got: " + operand);
  }

  private static Pattern pattern(RunField field, Object regex, Object options) {
    if (!(regex instanceof String source)) {
      throw new RequestRejectedException("$regex on '" + field.key() + "' needs a string, got: " + regex);
    }
    int flags = 0;
    if (options != null) {
      if (!(options instanceof String letters)) {
        throw new RequestRejectedException("$options on '" + field.key() + "' needs a string, got: " + options);
      }
      for (char letter : letters.toCharArray()) {
        switch (letter) {
          case 'i':
            flags |= Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
            break;
          case 'm':
            flags |= Pattern.MULTILINE;
            break;
          case 's':
            flags |= Pattern.DOTALL;
            break;
          case 'x':
            flags |= Pattern.COMMENTS;
            break;
          default:
            throw new RequestRejectedException("unsupported $options letter '" + letter + "' on '" + field.key()
                + "'; supported: i, m, s, x");
        }
      }
    }
    try {
      return Pattern.compile(source, flags);
    } catch (PatternSyntaxException e) {
      throw new RequestRejectedException("invalid $regex on '" + field.key() + "': " + e.getDescription());
    }
  }
}
