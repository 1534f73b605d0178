package io.github.wandbjdbc.calcite.common;

import io.github.wandbjdbc.client.CallControl;

import org.apache.calcite.linq4j.Enumerator;

/**
 * A scan's enumerator that, when closed (the rows read, a LIMIT reached, the result set or
 * statement closed), also ends the scan's control: what its reads held until then (downloaded
 * history files) is closed and deleted.
 */
public final class ScanEnd<T> implements Enumerator<T> {
  private final Enumerator<T> rows;
  private final CallControl control;

  public ScanEnd(Enumerator<T> rows, CallControl control) {
    this.rows = rows;
    this.control = control;
  }

  @Override
  public T current() {
    return rows.current();
  }

  @Override
  public boolean moveNext() {
    return rows.moveNext();
  }

  @Override
  public void reset() {
    rows.reset();
  }

  @Override
  public void close() {
    try {
      rows.close();
    } finally {
      control.endScan();
    }
  }
}
