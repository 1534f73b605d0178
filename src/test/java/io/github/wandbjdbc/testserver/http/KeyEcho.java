package io.github.wandbjdbc.testserver.http;

import io.github.wandbjdbc.testserver.WandbTestServer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The API key a request presented, put into the text of an error answer, as some servers and
 * proxies do ("invalid api key …", a dump of the request's headers). W&B is not known to, so
 * without {@link WandbTestServer.Builder#echoKeyInErrors} no test could tell whether the driver
 * scrubs the key from what the server says.
 *
 * <p>The echo names the key plainly and as the {@code Authorization} header it came in, and
 * goes before the server's message, so that a client cutting long messages short keeps it.
 */
final class KeyEcho {
  private KeyEcho() {}

  /** {@code body} with the echo of {@code authorization} (the request's header; may be null). */
  static String into(String body, String authorization, ObjectMapper mapper) {
    if (authorization == null || authorization.isBlank()) {
      return body; // nothing was presented, so there is nothing to echo
    }
    String echo = "request with api key " + presentedKey(authorization) + " (Authorization: "
        + authorization.trim() + ")";
    JsonNode root = readOrNull(body, mapper);
    JsonNode first = root == null ? null : root.path("errors").path(0);
    if (first == null || !first.isObject() || !first.path("message").isTextual()) {
      return echo + " " + body; // not W&B's shape: a proxy's page, echoed as text
    }
    ((ObjectNode) first).put("message", echo + ": " + first.get("message").asText());
    try {
      return mapper.writeValueAsString(root);
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialise an error answer", e);
    }
  }

  /** The password of a Basic header ({@code api:<key>}), else the header as it came. */
  static String presentedKey(String authorization) {
    String value = authorization.trim();
    if (!value.regionMatches(true, 0, "Basic ", 0, 6)) {
      return value;
    }
    try {
      String credentials = new String(Base64.getDecoder().decode(value.substring(6).trim()),
          StandardCharsets.UTF_8);
      int colon = credentials.indexOf(':');
      return colon < 0 ? credentials : credentials.substring(colon + 1);
    } catch (IllegalArgumentException notBase64) {
      return value;
    }
  }

  private static JsonNode readOrNull(String body, ObjectMapper mapper) {
    try {
      return mapper.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }
}
