package io.github.wandbjdbc.testserver.semantics;

import io.github.wandbjdbc.testserver.data.ProjectData;
import io.github.wandbjdbc.testserver.data.RunData;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Runs created while a client lists a project: each project's newest {@code arriving} runs are
 * held back, and one more of them (oldest first) becomes visible to every query each time the
 * server answers a page of runs that continues a listing (one with a cursor). A listing under
 * way then meets runs that did not exist when it began, ahead of its cursor or behind it,
 * depending on the order.
 */
public final class RunArrivals {
  public static final RunArrivals NONE = new RunArrivals(0);

  private final int arriving;
  private final AtomicInteger arrived = new AtomicInteger();
  private final Map<ProjectData, List<RunData>> newestFirst = new IdentityHashMap<>();

  public RunArrivals(int arriving) {
    this.arriving = arriving;
  }

  /** How many of the held-back runs have arrived so far; part of a cached selection's key. */
  int arrived() {
    return arriving == 0 ? 0 : Math.min(arriving, arrived.get());
  }

  /** A page that continues a listing was answered: the next run arrives. */
  void pageContinued() {
    if (arriving > 0) {
      arrived.incrementAndGet();
    }
  }

  /** The project's runs that exist now. */
  public List<RunData> visible(ProjectData project) {
    if (arriving == 0) {
      return project.runs();
    }
    Set<String> hidden = held(project).stream().skip(arrived()).map(RunData::name)
        .collect(Collectors.toSet());
    return project.runs().stream().filter(r -> !hidden.contains(r.name())).toList();
  }

  /** The runs still to arrive, in arrival order (oldest first). */
  private List<RunData> held(ProjectData project) {
    synchronized (newestFirst) {
      return newestFirst.computeIfAbsent(project, p -> {
        List<RunData> newest = new ArrayList<>(p.runs().stream()
            .sorted(Comparator.comparing(RunData::createdAt).reversed()).limit(arriving).toList());
        Collections.reverse(newest);
        return List.copyOf(newest);
      });
    }
  }
}
