package io.github.wandbjdbc.columns;

import java.util.List;
import java.util.Optional;

/**
 * A column of the {@code runs} table: a fixed run attribute, or a typed key of the config or the
 * summary discovered from a sample of runs.
 */
public sealed interface RunColumn permits RunColumn.Attribute, RunColumn.Key {
  String name();

  ColumnType type();

  String remarks();

  /** The key of W&B's run filters for this column, if it has one. */
  Optional<String> filterKey();

  /** How the column's values behave in W&B's filters. */
  FilterKind filterKind();

  /** The key of W&B's {@code order} argument for this column, if it has one. */
  Optional<String> orderKey();

  /** Whether the column is NULL for no run. */
  default boolean neverNull() {
    return this instanceof Attribute a && (a.attribute() == RunAttribute.RUN_ID
        || a.attribute() == RunAttribute.CREATED_AT || a.attribute() == RunAttribute.TAGS);
  }

  /** A fixed column, e.g. {@code state}. */
  record Attribute(RunAttribute attribute) implements RunColumn {
    @Override
    public String name() {
      return attribute.columnName();
    }

    @Override
    public ColumnType type() {
      return attribute.type();
    }

    @Override
    public String remarks() {
      return attribute.remarks();
    }

    @Override
    public Optional<String> filterKey() {
      return attribute.filterKey();
    }

    @Override
    public FilterKind filterKind() {
      return attribute.filterKind();
    }

    @Override
    public Optional<String> orderKey() {
      return attribute.orderKey();
    }
  }

  /**
   * A leaf of the config or summary, e.g. {@code "config.model.depth"} with path
   * {@code [model, depth]}.
   *
   * @param scope config or summary
   * @param path keys from the top level down to the leaf
   * @param type the type inferred from the sample
   * @param sampleSize how many runs the type was inferred from, for the remarks
   */
  record Key(KeyScope scope, List<String> path, ColumnType type, int sampleSize)
      implements RunColumn {
    public Key {
      path = List.copyOf(path);
      if (path.isEmpty()) {
        throw new IllegalArgumentException("a key column needs a path");
      }
    }

    @Override
    public String name() {
      return scope.columnPrefix() + String.join(".", path);
    }

    /** The top-level key, the unit of W&B's {@code keys:} projection. */
    public String topLevelKey() {
      return path.get(0);
    }

    /**
     * {@code config.<path>} (paths into the unwrapped config) or {@code summary_metrics.<path>};
     * none when a key holds a dot, which W&B's dotted paths cannot address (wandb#3087).
     */
    @Override
    public Optional<String> filterKey() {
      if (filterKind() == FilterKind.NONE || path.stream().anyMatch(k -> k.contains("."))) {
        return Optional.empty();
      }
      return Optional.of(scope.filterPrefix() + String.join(".", path));
    }

    @Override
    public FilterKind filterKind() {
      return switch (type) {
        case BIGINT -> FilterKind.INTEGER;
        case DOUBLE -> FilterKind.FLOAT;
        case BOOLEAN -> FilterKind.BOOLEAN;
        case VARCHAR -> FilterKind.LOOSE_STRING;
        default -> FilterKind.NONE;
      };
    }

    /**
     * {@code summary_metrics.<path>}, or {@code config.<key>.value} for a top-level config key:
     * W&B documents {@code .value} after the config key (values are stored wrapped), and what
     * it expects for nested keys is not documented. Only for numbers and booleans, whose order
     * is the same in SQL and on the server.
     */
    @Override
    public Optional<String> orderKey() {
      boolean orderable = type == ColumnType.BIGINT || type == ColumnType.DOUBLE
          || type == ColumnType.BOOLEAN;
      if (!orderable || filterKey().isEmpty()) {
        return Optional.empty();
      }
      if (scope == KeyScope.CONFIG) {
        return path.size() == 1 ? Optional.of("config." + path.get(0) + ".value")
            : Optional.empty();
      }
      return filterKey();
    }

    @Override
    public String remarks() {
      return (scope == KeyScope.CONFIG ? "Config" : "Summary") + " key "
          + String.join(" > ", path) + "; type " + type + " inferred from the " + sampleSize
          + " most recent runs.";
    }
  }
}
