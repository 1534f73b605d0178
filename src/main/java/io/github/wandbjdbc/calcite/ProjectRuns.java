package io.github.wandbjdbc.calcite;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.wandbjdbc.client.CallControl;
import io.github.wandbjdbc.client.RunsQuery;
import io.github.wandbjdbc.model.RunNode;
import io.github.wandbjdbc.model.RunSelection;
import io.github.wandbjdbc.model.WandbJson;

import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;

/**
 * The runs a scan of a run-child table visits: those a {@code run_id} hint names (one filtered
 * runs request per page of ids), or every run of the project, page by page, oldest first. Runs
 * repeated across pages (fact sheet §3.1) are visited once.
 */
final class ProjectRuns {
  /** W&B's documented default page; also the most ids one filter names. */
  private static final int MAX_IDS_PER_REQUEST = 1000;

  private ProjectRuns() {}

  static Iterator<RunNode> of(WandbSession session, String entity, String project,
      Optional<Set<Object>> ids, RunSelection selection, CallControl control) {
    if (ids.isPresent() && ids.get().isEmpty()) {
      return Collections.emptyIterator();
    }
    String filters = ids.map(ProjectRuns::nameIn).orElse("{}");
    int first = ids.map(s -> Math.min(s.size(), MAX_IDS_PER_REQUEST))
        .orElse(session.settings().pageSize());
    Set<String> seen = new HashSet<>();
    Iterator<RunNode> runs = new PagedIterator<>(cursor -> session.client().runs(
        new RunsQuery(entity, project, filters, RunsScan.DEFAULT_ORDER, first, cursor, selection,
            false), control));
    return new Iterator<>() {
      private RunNode next;

      @Override
      public boolean hasNext() {
        while (next == null && runs.hasNext()) {
          RunNode run = runs.next();
          if (seen.add(run.name())) {
            next = run;
          }
        }
        return next != null;
      }

      @Override
      public RunNode next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        RunNode run = next;
        next = null;
        return run;
      }
    };
  }

  /** {@code {"name": {"$in": [ids]}}}, built with Jackson. */
  private static String nameIn(Set<Object> ids) {
    ObjectNode filter = WandbJson.envelopeMapper().createObjectNode();
    ArrayNode in = filter.putObject("name").putArray("$in");
    ids.stream().map(Object::toString).sorted().forEach(in::add);
    return filter.toString();
  }
}
