package io.github.wandbjdbc.testserver.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * W&B's authentication: HTTP Basic with user {@code api} and the API key as password (docs/WIRE.md,
 * HTTP). Compares in constant time; never exposes the key.
 */
public final class ApiKeyCheck {

  private final byte[] expectedHeader;

  public ApiKeyCheck(String apiKey) {
    String credentials = Base64.getEncoder().encodeToString(("api:" + apiKey).getBytes(StandardCharsets.UTF_8));
    this.expectedHeader = ("Basic " + credentials).getBytes(StandardCharsets.UTF_8);
  }

  boolean accepts(String authorizationHeader) {
    return authorizationHeader != null
        && MessageDigest.isEqual(expectedHeader, authorizationHeader.trim().getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "ApiKeyCheck[key hidden]";
  }
}
