package io.github.wandbjdbc.pushdown;

import java.util.List;

/**
 * A column of the {@code runs} table: a fixed run attribute, or a typed key of the config or the
 * summary discovered from a sample of runs.
 */
public sealed interface RunColumn permits RunColumn.Attribute, RunColumn.Key {
  String name();

  ColumnType type();

  String remarks();

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

    @Override
    public String remarks() {
      return (scope == KeyScope.CONFIG ? "Config" : "Summary") + " key "
          + String.join(" > ", path) + "; type " + type + " inferred from the " + sampleSize
          + " most recent runs.";
    }
  }
}
