package io.github.wandbjdbc.calcite.runs;

import io.github.wandbjdbc.client.RunsQuery;
import io.github.wandbjdbc.client.WandbApiException;
import io.github.wandbjdbc.model.RunNode;

import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * How a scan runs when W&B refuses what was pushed into it (docs/WIRE.md, Refusals and the
 * fallback): every run, unfiltered and in W&B's default order, with the pushed filter and order
 * applied in the driver.
 *
 * @param allRuns the first page of the unfiltered fetch, selecting what the filter and order read
 * @param filter the pushed filter, evaluated locally
 * @param order the pushed order, if any, applied locally (all rows are read first)
 */
public record Fallback(RunsQuery allRuns, Predicate<RunNode> filter,
    Optional<Comparator<RunNode>> order) {

  /**
   * Whether a failure means W&B refused the pushed filter or order of a request: HTTP 400 or
   * 422 for a request that carried any, HTTP 500 naming filters or order, or a GraphQL error
   * naming them.
   */
  public static boolean isRefusal(WandbApiException e, String filters, String order) {
    boolean pushed = !filters.equals("{}") || (order != null && !RunsScan.DEFAULT_ORDER.equals(order));
    if (!pushed) {
      return false;
    }
    if (e.kind() == WandbApiException.Kind.BAD_REQUEST) {
      // 500 only when its message names the filters or order (GraphQLTransport): a resolver
      // that fails on an operator it lacks answers so.
      return e.httpStatus() == 400 || e.httpStatus() == 422 || e.httpStatus() == 500;
    }
    String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
    return e.kind() == WandbApiException.Kind.GRAPHQL_ERROR
        && (m.contains("filter") || m.contains("order"));
  }
}
