package io.github.wandbjdbc.testserver.semantics;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque Relay cursors. A cursor names a position that does not depend on the page it came from:
 * for runs the run's creation sequence (keyset paging continues after that run under the request's
 * order), for projects the project's position in its entity. Clients must treat them as opaque.
 */
public final class Cursors {

  private Cursors() {
  }

  public static String encode(String kind, int position) {
    String raw = "wandb-test-server:" + kind + ":v1:" + position;
    return Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  /** The position in a cursor of {@code kind}; HTTP 400 for anything this server did not hand out. */
  public static int decode(String kind, String cursor) {
    String prefix = "wandb-test-server:" + kind + ":v1:";
    try {
      String raw = new String(Base64.getDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (raw.startsWith(prefix)) {
        int position = Integer.parseInt(raw.substring(prefix.length()));
        if (position >= 0) {
          return position;
        }
      }
    } catch (IllegalArgumentException e) {
      // fall through: not base64 or not a number
    }
    throw new RequestRejectedException("invalid cursor '" + cursor + "' for " + kind + "s");
  }
}
