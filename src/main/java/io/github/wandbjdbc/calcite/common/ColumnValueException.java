package io.github.wandbjdbc.calcite.common;

/**
 * A value W&B sent that does not fit its column's type, typically a config or summary key whose
 * type differs in runs outside the sample the column was typed from.
 */
public final class ColumnValueException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ColumnValueException(String message) {
    super(message);
  }
}
