package io.github.wandbjdbc.testserver.data;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * A W&B user as the server shows it under {@code Run.user}, {@code Project.user} and {@code viewer}.
 *
 * @param username the login name (the {@code username} filter key compares with this)
 * @param name     the full name
 * @param email    may be null
 */
public record UserData(String username, String name, String email) {

  public UserData {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(name, "name");
  }

  /** The opaque Relay id, base64 of {@code User:<username>}. */
  public String id() {
    return Base64.getEncoder().encodeToString(("User:" + username).getBytes(StandardCharsets.UTF_8));
  }
}
