package io.github.wandbjdbc.calcite.runs;

import io.github.wandbjdbc.client.RunsQuery;
import io.github.wandbjdbc.client.WandbApiException;

/**
 * W&B refused the filter or order a page request pushed ({@link Fallback#isRefusal}). Thrown by
 * {@link RunPages} and caught by the scan, which goes on with its {@link Fallback}; it never
 * reaches the user.
 */
final class RefusedPushdown extends RuntimeException {
  private final transient RunsQuery query;

  RefusedPushdown(RunsQuery query, WandbApiException refusal) {
    super(refusal.getMessage(), refusal, false, false);
    this.query = query;
  }

  RunsQuery query() {
    return query;
  }

  WandbApiException refusal() {
    return (WandbApiException) getCause();
  }
}
