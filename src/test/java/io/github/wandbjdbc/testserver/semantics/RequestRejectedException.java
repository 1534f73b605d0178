package io.github.wandbjdbc.testserver.semantics;

/**
 * A request the server refuses as a whole with HTTP 400 and {@code {"errors":[{"message": …}]}}:
 * an undocumented filter or order key, an unknown filter operator, malformed filter JSON, a page
 * size above the cap, an invalid cursor. W&B answers such requests with 400 (or 500) rather than a
 * GraphQL error, and the driver's fallback logic depends on seeing that status.
 */
public final class RequestRejectedException extends RuntimeException {

  public RequestRejectedException(String message) {
    super(message);
  }
}
