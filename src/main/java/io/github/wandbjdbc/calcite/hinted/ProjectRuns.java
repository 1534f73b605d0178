package io.github.wandbjdbc.calcite.hinted;


import io.github.wandbjdbc.calcite.common.LookaheadIterator;
import io.github.wandbjdbc.calcite.common.PagedIterator;
import io.github.wandbjdbc.calcite.common.WandbSession;
import io.github.wandbjdbc.calcite.runs.Fallback;
import io.github.wandbjdbc.calcite.runs.RunsScan;
import io.github.wandbjdbc.client.CallControl;
import io.github.wandbjdbc.client.RunsQuery;
import io.github.wandbjdbc.client.WandbApiException;
import io.github.wandbjdbc.model.RunNode;
import io.github.wandbjdbc.model.RunSelection;

import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The runs a scan of a run-child table visits: those a {@code run_id} hint names (one filtered
 * runs request per page of ids), or every run of the project, page by page, oldest first. Runs
 * repeated across pages (docs/WIRE.md, Runs) are visited once.
 *
 * <p>If W&B refuses the id filter (docs/WIRE.md, Refusals and the fallback), or refused a pushed
 * filter earlier on this connection, the runs are listed unfiltered and the ids kept in the driver;
 * runs visited before the refusal are not visited again.
 */
final class ProjectRuns extends LookaheadIterator<RunNode> {
  /** W&B's documented default page; also the most ids one filter names. */
  private static final int MAX_IDS_PER_REQUEST = 1000;
  private static final int FIRST_PAGE = 100;

  private final WandbSession session;
  private final String entity;
  private final String project;
  private final Optional<Set<String>> ids;
  private final RunSelection selection;
  private final CallControl control;
  private final Set<String> seen = new HashSet<>();
  private Iterator<RunNode> runs;
  private boolean local;

  private ProjectRuns(WandbSession session, String entity, String project, Optional<Set<String>> ids,
      RunSelection selection, CallControl control) {
    this.session = session;
    this.entity = entity;
    this.project = project;
    this.ids = ids;
    this.selection = selection;
    this.control = control;
    // Local: the run names are picked here, from every run, when W&B refused a filter before or
    // the source applies none.
    this.local = ids.isPresent()
        && (session.pushdownRefused() || !session.source().runsPushdown().filters());
    this.runs = listing();
  }

  static Iterator<RunNode> of(WandbSession session, String entity, String project,
      Optional<Set<Object>> ids, RunSelection selection, CallControl control) {
    if (ids.isPresent() && ids.get().isEmpty()) {
      return Collections.emptyIterator();
    }
    return new ProjectRuns(session, entity, project,
        ids.map(s -> s.stream().map(Object::toString).collect(Collectors.toSet())), selection, control);
  }

  /**
   * The filtered listing, or once local, every run. Listing every run starts with a page of at
   * most {@value #FIRST_PAGE} runs, which is all a LIMIT or a tool's first screen usually
   * reads; the pages after it are full size. Where the statement shows its progress, the first
   * page also asks how many runs there are ("fetched 200 of 2,000 runs").
   */
  private Iterator<RunNode> listing() {
    String filters = ids.filter(s -> !local).map(RunsQuery::nameIn).orElse("{}");
    int pageSize = session.settings().pageSize();
    Optional<Integer> idCount = ids.filter(s -> !local)
        .map(s -> Math.min(s.size(), MAX_IDS_PER_REQUEST));
    return new PagedIterator<>(cursor -> session.source().runs(new RunsQuery(entity, project,
        filters, RunsScan.DEFAULT_ORDER,
        idCount.orElse(cursor == null ? Math.min(FIRST_PAGE, pageSize) : pageSize), cursor,
        selection, cursor == null && session.settings().countRuns()), control));
  }

  @Override
  protected RunNode computeNext() {
    while (advance()) {
      RunNode run = runs.next();
      boolean wanted = !local || ids.isEmpty() || ids.get().contains(run.name());
      if (wanted && seen.add(run.name())) {
        return run;
      }
    }
    return null;
  }

  /** Whether the listing has another run; switches to the unfiltered listing on a refusal. */
  private boolean advance() {
    try {
      return runs.hasNext();
    } catch (WandbApiException e) {
      if (local || ids.isEmpty() || !Fallback.isRefusal(e, RunsQuery.nameIn(ids.get()), RunsScan.DEFAULT_ORDER)) {
        throw e;
      }
      session.refusePushdown(project, e);
      local = true;
      runs = listing();
      return runs.hasNext();
    }
  }
}
