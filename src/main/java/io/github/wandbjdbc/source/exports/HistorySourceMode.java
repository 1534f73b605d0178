package io.github.wandbjdbc.source.exports;

import java.util.Locale;
import java.util.Optional;

/**
 * How a connection reads {@code history} (the {@code historySource} property): from W&B's
 * parquet exports with the live tail stitched on, falling back to GraphQL windows with a
 * warning ({@code auto}); from the exports or not at all ({@code parquet}); or through GraphQL
 * windows only ({@code graphql}), as drivers before the exports did.
 */
public enum HistorySourceMode {
  AUTO, PARQUET, GRAPHQL;

  public static Optional<HistorySourceMode> parse(String text) {
    for (HistorySourceMode mode : values()) {
      if (mode.name().toLowerCase(Locale.ROOT).equals(text.trim().toLowerCase(Locale.ROOT))) {
        return Optional.of(mode);
      }
    }
    return Optional.empty();
  }

  public String propertyValue() {
    return name().toLowerCase(Locale.ROOT);
  }
}
