package io.github.wandbjdbc.client;

/**
 * Stands in for a low-level exception (an {@code IOException} of the HTTP stack) as the cause of
 * a {@link WandbApiException}, or for any cause the JDBC layer finds the key in: same type name,
 * message and stack, with the API key scrubbed, so that a logged stack trace cannot leak it.
 */
public final class RedactedCause extends Exception {
  private static final long serialVersionUID = 1L;

  public RedactedCause(Throwable original, ApiKey key) {
    super(original.getClass().getName() + ": " + key.redact(String.valueOf(original.getMessage())),
        original.getCause() == null ? null : new RedactedCause(original.getCause(), key), false,
        false);
    setStackTrace(original.getStackTrace());
  }

  @Override
  public String toString() {
    return getMessage();
  }
}
