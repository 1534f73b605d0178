package io.github.wandbjdbc.client;

/**
 * A failure talking to W&B, with a message written for the user: what happened and what to do.
 * Unchecked because it travels through Calcite's enumerators; the JDBC layer turns it into an
 * {@code SQLException} whose SQLState follows {@link Kind}.
 */
public class WandbApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What went wrong, as far as the user must act on it. */
  public enum Kind {
    /** HTTP 401, or no viewer for the key: the API key is wrong or missing. */
    AUTHENTICATION,
    /** HTTP 403: the key's user may not read this. */
    PERMISSION,
    /** The project (or run) does not exist or the key cannot see it. */
    NOT_FOUND,
    /** W&B refused the request itself (HTTP 400, 409, 410, 413, 422). */
    BAD_REQUEST,
    /** W&B's answer had GraphQL {@code errors}: the server does not accept the operation. */
    GRAPHQL_ERROR,
    /** HTTP 429 that retries did not get past. */
    RATE_LIMITED,
    /** HTTP 5xx that retries did not get past, or 501. */
    SERVER_ERROR,
    /** The base URL does not lead to a W&B GraphQL endpoint (404, redirects, bad scheme). */
    BAD_ENDPOINT,
    /** The host could not be reached at all. */
    UNREACHABLE,
    /** The connection broke or a request timed out, and retries did not get past it. */
    IO_ERROR,
    /** The answer could not be read (not JSON, or not the shape W&B sends). */
    MALFORMED_RESPONSE,
    /** The query's timeout ran out. */
    QUERY_TIMEOUT,
    /** The statement was cancelled. */
    CANCELLED
  }

  private final Kind kind;
  private final int httpStatus;

  public WandbApiException(Kind kind, String message) {
    this(kind, 0, message, null);
  }

  public WandbApiException(Kind kind, int httpStatus, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.httpStatus = httpStatus;
  }

  public Kind kind() {
    return kind;
  }

  /** The HTTP status W&B answered with, or 0 when there was no answer. */
  public int httpStatus() {
    return httpStatus;
  }
}
