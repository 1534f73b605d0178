package io.github.wandbjdbc.testserver.graphql;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Opaque Relay ids: base64 of {@code <Type>:<key>}, the shape W&B's ids decode to. */
final class Ids {

  private Ids() {
  }

  static String of(String type, String key) {
    return Base64.getEncoder().encodeToString((type + ":" + key).getBytes(StandardCharsets.UTF_8));
  }
}
