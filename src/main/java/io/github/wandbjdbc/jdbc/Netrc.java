package io.github.wandbjdbc.jdbc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed {@code .netrc}: {@code wandb login} stores the API key there as the password of
 * {@code machine <host of the base URL>} (docs/WIRE.md, HTTP).
 */
final class Netrc {
  private final Map<String, String> passwords;

  private Netrc(Map<String, String> passwords) {
    this.passwords = passwords;
  }

  /** Reads {@code file}; a missing file is an empty netrc. */
  static Netrc read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return new Netrc(Map.of());
    }
    return parse(Files.readString(file, StandardCharsets.UTF_8));
  }

  static Netrc parse(String text) {
    Map<String, String> passwords = new LinkedHashMap<>();
    List<String> tokens = tokens(withoutMacros(text));
    String machine = null;
    for (int i = 0; i < tokens.size(); i++) {
      String token = tokens.get(i);
      switch (token) {
        case "machine" -> machine = i + 1 < tokens.size() ? tokens.get(++i) : null;
        case "default" -> machine = "";
        case "password" -> {
          if (machine != null && i + 1 < tokens.size()) {
            passwords.putIfAbsent(machine, tokens.get(++i));
          }
        }
        case "login", "account" -> i++;
        default -> { }
      }
    }
    return new Netrc(passwords);
  }

  /**
   * The password for a host: the entry for {@code host:port} when the URL names a port, else the
   * entry for {@code host}, else the {@code default} entry.
   */
  Optional<String> password(String host, int port) {
    if (port >= 0 && passwords.containsKey(host + ":" + port)) {
      return Optional.of(passwords.get(host + ":" + port));
    }
    return Optional.ofNullable(passwords.getOrDefault(host, passwords.get("")));
  }

  /** Drops {@code macdef} definitions, which run from their line to the next blank line. */
  private static String withoutMacros(String text) {
    StringBuilder out = new StringBuilder();
    boolean inMacro = false;
    for (String line : text.split("\\R", -1)) {
      if (inMacro) {
        inMacro = !line.isBlank();
        continue;
      }
      if (line.strip().startsWith("macdef")) {
        inMacro = true;
        continue;
      }
      out.append(line).append('\n');
    }
    return out.toString();
  }

  private static List<String> tokens(String text) {
    List<String> tokens = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == '#' && !quoted && current.length() == 0) {
        while (i < text.length() && text.charAt(i) != '\n') {
          i++;
        }
      } else if (Character.isWhitespace(c) && !quoted) {
        if (current.length() > 0) {
          tokens.add(current.toString());
          current.setLength(0);
        }
      } else {
        current.append(c);
      }
    }
    if (current.length() > 0) {
      tokens.add(current.toString());
    }
    return tokens;
  }
}
