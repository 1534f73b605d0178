package io.github.wandbjdbc.client;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * A W&B API key. Kept in its own type so that it cannot be printed by accident: {@link #toString()}
 * never shows it, and {@link #redact(String)} scrubs it from any text that might reach a user.
 */
public final class ApiKey {
  private final String secret;

  public ApiKey(String secret) {
    Objects.requireNonNull(secret, "secret");
    if (secret.isBlank()) {
      throw new IllegalArgumentException("an API key must not be blank");
    }
    this.secret = secret.trim();
  }

  /**
   * The {@code Authorization} header value: HTTP Basic with user {@code api} (docs/WIRE.md,
   * HTTP).
   */
  public String basicAuthorization() {
    return "Basic " + Base64.getEncoder()
        .encodeToString(("api:" + secret).getBytes(StandardCharsets.UTF_8));
  }

  /** Replaces every occurrence of the key, and of its Basic-auth encoding, with {@code ****}. */
  public String redact(String text) {
    if (text == null) {
      return null;
    }
    String encoded = basicAuthorization().substring("Basic ".length());
    return text.replace(secret, "****").replace(encoded, "****");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ApiKey other && other.secret.equals(secret);
  }

  @Override
  public int hashCode() {
    return secret.hashCode();
  }

  @Override
  public String toString() {
    return "ApiKey[****]";
  }
}
