package io.github.wandbjdbc.client;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.wandbjdbc.model.WandbJson;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Extracts the human-readable message from the error bodies W&B sends (docs/WIRE.md, Errors):
 * {@code {"error": "text"}}, {@code {"error": {"message": …}}}, or
 * {@code {"errors": [<string or {"message": …}>, …]}}; anything else is shown as short text.
 */
final class ErrorBodies {
  private static final int MAX_TEXT = 300;

  private ErrorBodies() {}

  static Optional<String> message(byte[] body) {
    return message(body, text -> text);
  }

  /**
   * The message with {@code scrub} (the API key's redaction) applied before it is cut short:
   * a key the cut leaves half of is past redacting, and half a key still gives it away.
   */
  static Optional<String> message(byte[] body, UnaryOperator<String> scrub) {
    if (body == null || body.length == 0) {
      return Optional.empty();
    }
    try {
      JsonNode root = WandbJson.envelopeMapper().readTree(body);
      if (root != null && root.isObject()) {
        List<String> messages = messages(root);
        if (!messages.isEmpty()) {
          return Optional.of(shorten(scrub.apply(String.join("; ", messages))));
        }
      }
    } catch (java.io.IOException notJson) {
      // fall through: show the start of the text
    }
    String text = new String(body, StandardCharsets.UTF_8).strip();
    return text.isEmpty() ? Optional.empty() : Optional.of(shorten(scrub.apply(text)));
  }

  /** The messages of a GraphQL {@code errors} array or a backend {@code error} field. */
  static List<String> messages(JsonNode root) {
    List<String> out = new ArrayList<>();
    JsonNode errors = root.get("errors");
    if (errors != null && errors.isArray()) {
      for (JsonNode e : errors) {
        String m = e.isTextual() ? e.asText() : e.path("message").asText("");
        if (!m.isBlank()) {
          out.add(m.strip());
        }
      }
    }
    JsonNode error = root.get("error");
    if (error != null) {
      String m = error.isTextual() ? error.asText() : error.path("message").asText("");
      if (!m.isBlank()) {
        out.add(m.strip());
      }
    }
    return out;
  }

  private static String shorten(String s) {
    String oneLine = s.replaceAll("\\s+", " ").replaceAll("\\p{Cntrl}", "");
    return oneLine.length() <= MAX_TEXT ? oneLine : oneLine.substring(0, MAX_TEXT) + "…";
  }
}
