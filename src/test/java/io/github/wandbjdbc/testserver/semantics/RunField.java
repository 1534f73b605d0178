package io.github.wandbjdbc.testserver.semantics;

import io.github.wandbjdbc.testserver.data.ConfigData;
import io.github.wandbjdbc.testserver.data.RunData;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A key of the runs {@code filters} document or of the {@code order} string, resolved to how its
 * value is read from a run. Only the keys W&B documents are accepted (docs/WIRE.md, Filters and
 * Order); anything else is a {@link RequestRejectedException} naming the key.
 *
 * <p>Paths ({@code config.<path>}, {@code summary_metrics.<path>}) are split on {@code .} and walk
 * nested objects; a segment that meets a non-object yields a missing value. Keys that themselves
 * contain a dot cannot be addressed (as on W&B, issue wandb/wandb#3087). {@code config} paths address
 * the <em>unwrapped</em> config ({@link ConfigData#values()}).
 *
 * @param instant true when the value is a date-time, so filter operands must be ISO-8601 strings
 */
record RunField(String key, boolean instant, Function<RunData, FieldValue> reader) {

  static final String FILTER_KEYS = "name, displayName, display_name, state, createdAt, group, host, "
      + "jobType, tags, username, sweep, duration, config.<path>, summary_metrics.<path>";
  static final String ORDER_KEYS = "created_at, heartbeat_at, config.<path>.value, summary_metrics.<path>";

  FieldValue read(RunData run) {
    return reader.apply(run);
  }

  /** The field a {@code filters} key names. */
  static RunField forFilterKey(String key) {
    switch (key) {
      case "name":
        return attribute(key, RunData::name);
      case "displayName":
      case "display_name":
        return attribute(key, RunData::displayName);
      case "state":
        return attribute(key, RunData::state);
      case "createdAt":
        return new RunField(key, true, run -> FieldValue.ofAttribute(run.createdAt()));
      case "group":
        return attribute(key, RunData::group);
      case "host":
        return attribute(key, RunData::host);
      case "jobType":
        return attribute(key, RunData::jobType);
      case "tags":
        return attribute(key, RunData::tags);
      case "username":
        return attribute(key, run -> run.user() == null ? null : run.user().username());
      case "sweep":
        return attribute(key, RunData::sweepName);
      case "duration":
        return attribute(key, RunData::computeSeconds);
      default:
        break;
    }
    if (key.startsWith("config.")) {
      return path(key, key.substring("config.".length()), run -> run.config().values(), FILTER_KEYS);
    }
    if (key.startsWith("summary_metrics.")) {
      return path(key, key.substring("summary_metrics.".length()), RunData::summary, FILTER_KEYS);
    }
    throw new RequestRejectedException("unsupported filter key '" + key + "'; documented keys: " + FILTER_KEYS);
  }

  /** The field an {@code order} key (without its sign) names. */
  static RunField forOrderKey(String key) {
    switch (key) {
      case "created_at":
        return new RunField(key, true, run -> FieldValue.ofAttribute(run.createdAt()));
      case "heartbeat_at":
        return new RunField(key, true, run -> FieldValue.ofAttribute(run.heartbeatAt()));
      default:
        break;
    }
    if (key.startsWith("config.") && key.endsWith(".value")) {
      String path = key.substring("config.".length(), key.length() - ".value".length());
      return path(key, path, run -> run.config().values(), ORDER_KEYS);
    }
    if (key.startsWith("summary_metrics.")) {
      return path(key, key.substring("summary_metrics.".length()), RunData::summary, ORDER_KEYS);
    }
    throw new RequestRejectedException("unsupported order key '" + key + "'; documented keys: " + ORDER_KEYS);
  }

  private static RunField attribute(String key, Function<RunData, Object> getter) {
    return new RunField(key, false, run -> FieldValue.ofAttribute(getter.apply(run)));
  }

  private static RunField path(String key, String path, Function<RunData, Map<String, Object>> root,
      String documented) {
    List<String> segments = List.of(path.split("\\.", -1));
    if (path.isEmpty() || segments.stream().anyMatch(String::isEmpty)) {
      throw new RequestRejectedException("malformed key '" + key + "': empty path segment; documented keys: " + documented);
    }
    return new RunField(key, false, run -> walk(root.apply(run), segments));
  }

  private static FieldValue walk(Map<String, Object> root, List<String> segments) {
    Object current = root;
    for (String segment : segments) {
      if (!(current instanceof Map<?, ?> map) || !map.containsKey(segment)) {
        return FieldValue.MISSING_KEY;
      }
      current = map.get(segment);
    }
    return FieldValue.of(current);
  }
}
