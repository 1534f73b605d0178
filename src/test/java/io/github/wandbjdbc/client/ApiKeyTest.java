package io.github.wandbjdbc.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

class ApiKeyTest {
  private static final String SECRET = "local-0123456789abcdef0123456789abcdef01234567";

  @Test
  void basicAuthUsesUserApi() {
    String header = new ApiKey(SECRET).basicAuthorization();
    String decoded = new String(Base64.getDecoder().decode(header.substring("Basic ".length())),
        StandardCharsets.UTF_8);
    assertEquals("api:" + SECRET, decoded);
  }

  @Test
  void neverPrintsItself() {
    ApiKey key = new ApiKey(SECRET);
    assertFalse(key.toString().contains(SECRET));
    assertFalse(String.valueOf(java.util.List.of(key)).contains(SECRET));
  }

  @Test
  void redactsTheKeyAndItsBasicAuthEncoding() {
    ApiKey key = new ApiKey(SECRET);
    String encoded = key.basicAuthorization().substring(6);
    assertEquals("key **** and ****", key.redact("key " + SECRET + " and " + encoded));
  }

  @Test
  void blankKeyIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new ApiKey("  "));
  }
}
