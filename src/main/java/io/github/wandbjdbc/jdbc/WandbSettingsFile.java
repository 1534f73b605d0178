package io.github.wandbjdbc.jdbc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The wandb client's global settings file ({@code $WANDB_CONFIG_DIR/settings}, by default
 * {@code ~/.config/wandb/settings}), an INI file whose {@code [default]} section holds
 * {@code base_url} after {@code wandb login --host} (docs/WIRE.md, HTTP).
 */
final class WandbSettingsFile {
  private final Map<String, String> defaults;

  private WandbSettingsFile(Map<String, String> defaults) {
    this.defaults = defaults;
  }

  static WandbSettingsFile read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return new WandbSettingsFile(Map.of());
    }
    return parse(Files.readString(file, StandardCharsets.UTF_8));
  }

  static WandbSettingsFile parse(String text) {
    Map<String, String> defaults = new LinkedHashMap<>();
    String section = "";
    for (String raw : text.split("\\R")) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
        continue;
      }
      if (line.startsWith("[") && line.endsWith("]")) {
        section = line.substring(1, line.length() - 1).strip();
        continue;
      }
      int eq = indexOfSeparator(line);
      if (eq > 0 && section.equals("default")) {
        defaults.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
      }
    }
    return new WandbSettingsFile(defaults);
  }

  private static int indexOfSeparator(String line) {
    int eq = line.indexOf('=');
    int colon = line.indexOf(':');
    if (eq < 0) {
      return colon;
    }
    return colon < 0 ? eq : Math.min(eq, colon);
  }

  Optional<String> baseUrl() {
    String v = defaults.get("base_url");
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
  }
}
