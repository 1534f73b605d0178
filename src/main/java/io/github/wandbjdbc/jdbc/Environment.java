package io.github.wandbjdbc.jdbc;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The process environment the driver reads its defaults from: environment variables and the
 * home directory (for {@code ~/.netrc} and {@code ~/.config/wandb/settings}). Injected, so tests
 * use a temporary home and never the developer's real credentials.
 */
public record Environment(Map<String, String> variables, Path home) {
  public Environment {
    variables = Map.copyOf(variables);
  }

  public static Environment system() {
    return new Environment(System.getenv(), Path.of(System.getProperty("user.home", ".")));
  }

  /** A variable's value, empty when unset or blank. */
  public Optional<String> variable(String name) {
    String v = variables.get(name);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
  }
}
