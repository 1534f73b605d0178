package io.github.wandbjdbc.source.exports;

/**
 * A run's exports could not be read: a download failed (after retries, or a 403 twice), a URL
 * the driver does not fetch, or a file that is not parquet or is cut short. The message says
 * which, for the warning of the fallback or the error of {@code historySource=parquet}.
 */
final class ExportUnreadable extends Exception {
  private static final long serialVersionUID = 1L;

  ExportUnreadable(String message, Throwable cause) {
    super(message, cause);
  }
}
