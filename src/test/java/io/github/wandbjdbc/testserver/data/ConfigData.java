package io.github.wandbjdbc.testserver.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A run's config in both forms.
 *
 * <p>{@code wrapped} is what {@code Run.config} serves: top-level values wrapped as
 * {@code {"value": v}} (wandb-core) or {@code {"desc": …, "value": v}} (older clients), plus any
 * unwrapped entries the source had (e.g. {@code wandb_version: 1} of old {@code config.yaml} files).
 *
 * <p>{@code values} is the unwrapped view that filters ({@code config.<path>}) and order keys
 * ({@code config.<path>.value}) address: every top-level value that is an object holding a
 * {@code "value"} key is replaced by that value; other entries stay as they are. This is the SDK's
 * own rule ({@code Run._load_from_attrs}); internal keys such as {@code _wandb} are kept.
 */
public record ConfigData(Map<String, Object> wrapped, Map<String, Object> values) {

  public static final ConfigData EMPTY = new ConfigData(Map.of(), Map.of());

  public ConfigData {
    wrapped = JsonValues.deepCopyMap(wrapped);
    values = JsonValues.deepCopyMap(values);
  }

  /** Builds both forms from the wrapped document. */
  public static ConfigData fromWrapped(Map<String, Object> wrapped) {
    Map<String, Object> values = new LinkedHashMap<>();
    wrapped.forEach((key, value) -> values.put(key, unwrap(value)));
    return new ConfigData(wrapped, Collections.unmodifiableMap(values));
  }

  private static Object unwrap(Object value) {
    if (value instanceof Map<?, ?> map && map.containsKey("value")) {
      return map.get("value");
    }
    return value;
  }
}
