package io.github.wandbjdbc.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

class ErrorBodiesTest {
  private static Optional<String> message(String body) {
    return ErrorBodies.message(body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsEveryShapeW_BSends() {
    assertEquals(Optional.of("rate limit exceeded"), message("{\"error\":\"rate limit exceeded\"}"));
    assertEquals(Optional.of("nope"), message("{\"error\":{\"message\":\"nope\"}}"));
    assertEquals(Optional.of("Server down"), message("{\"errors\":[\"Server down\"]}"));
    assertEquals(Optional.of("a; b"), message("{\"errors\":[{\"message\":\"a\",\"path\":[\"x\"]},{\"message\":\"b\"}]}"));
  }

  @Test
  void showsTheStartOfOtherBodies() {
    assertEquals(Optional.of("<html> Bad Gateway </html>"), message("<html>\n Bad Gateway\r </html>"));
    assertEquals(Optional.empty(), message(""));
    assertEquals(301, message("x".repeat(1000)).orElseThrow().length());
  }
}
