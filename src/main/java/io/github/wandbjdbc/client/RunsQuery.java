package io.github.wandbjdbc.client;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.wandbjdbc.model.RunSelection;
import io.github.wandbjdbc.model.WandbJson;

import java.util.Collection;
import java.util.Objects;

/**
 * One page request of {@code Project.runs}.
 *
 * @param entity the W&B entity
 * @param project the project name
 * @param filters the Mongo-style filter document as JSON text ({@code "{}"} for none)
 * @param order the order string, e.g. {@code +created_at}
 * @param first page size, 1 to 1000
 * @param after the cursor to continue after, or null for the first page
 * @param selection the fields to fetch
 * @param withRunCount whether to ask for the number of runs matching the filter as well
 */
public record RunsQuery(String entity, String project, String filters, String order, int first,
    String after, RunSelection selection, boolean withRunCount) {

  public RunsQuery {
    Objects.requireNonNull(entity, "entity");
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(filters, "filters");
    Objects.requireNonNull(selection, "selection");
    if (first < 1 || first > 1000) {
      throw new IllegalArgumentException("page size must be between 1 and 1000: " + first);
    }
  }

  /** The same request for the page after {@code cursor}, without the count. */
  public RunsQuery after(String cursor) {
    return new RunsQuery(entity, project, filters, order, first, cursor, selection, false);
  }

  /** {@code {"name": {"$in": [ids]}}}, the ids sorted, built with Jackson: the runs by id. */
  public static String nameIn(Collection<String> ids) {
    ObjectNode filter = WandbJson.envelopeMapper().createObjectNode();
    ArrayNode in = filter.putObject("name").putArray("$in");
    ids.stream().sorted().forEach(in::add);
    return filter.toString();
  }

  /** The same request with other fields. */
  public RunsQuery withSelection(RunSelection fields) {
    return new RunsQuery(entity, project, filters, order, first, after, fields, withRunCount);
  }

  /** The same request, asking for the number of matching runs or not. */
  public RunsQuery withRunCount(boolean count) {
    return new RunsQuery(entity, project, filters, order, first, after, selection, count);
  }

  /** The same request with another page size. */
  public RunsQuery withFirst(int pageSize) {
    return new RunsQuery(entity, project, filters, order, pageSize, after, selection,
        withRunCount);
  }
}
