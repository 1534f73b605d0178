package io.github.wandbjdbc.parquet;

/**
 * A file that is not parquet, is cut short, or uses a part of the format this reader does not
 * read (nested columns, an encoding or codec it lacks). The message says which, so that a caller
 * can fall back to another source and tell the user why.
 */
public final class ParquetFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ParquetFormatException(String message) {
    super(message);
  }

  public ParquetFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
