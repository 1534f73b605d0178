package io.github.wandbjdbc.calcite;

import io.github.wandbjdbc.calcite.common.PlanningControl;
import io.github.wandbjdbc.calcite.common.WandbSession;
import io.github.wandbjdbc.model.Page;
import io.github.wandbjdbc.model.ProjectNode;

import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.lookup.LikePattern;
import org.apache.calcite.schema.lookup.Lookup;
import org.apache.calcite.schema.lookup.Named;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The root schema of a connection: one sub-schema per project of the entity. Lazy: a query that
 * names a project costs one {@code project} request; only metadata calls that list schemas page
 * through the entity's projects. Answers are remembered for a minute, and while a listing is
 * remembered it answers for every name: Calcite also asks whether table names such as
 * {@code runs} are projects.
 */
public final class EntitySchema extends AbstractSchema {
  private static final Duration REMEMBER = Duration.ofMinutes(1);
  private static final int PROJECTS_PER_PAGE = 100;

  private final WandbSession session;
  private final Map<String, ProjectSchema> projects = new ConcurrentHashMap<>();
  private final Map<String, Long> absentSince = new ConcurrentHashMap<>();
  private volatile Listing listing;

  public EntitySchema(WandbSession session) {
    this.session = session;
  }

  /** A root schema that already knows one project, e.g. the one checked at connect. */
  public EntitySchema(WandbSession session, ProjectNode known) {
    this(session);
    projects.put(known.name(), new ProjectSchema(session, known));
  }

  @Override
  public Lookup<? extends Schema> subSchemas() {
    return new Lookup<ProjectSchema>() {
      @Override
      public ProjectSchema get(String name) {
        return project(name).orElse(null);
      }

      @Override
      public Named<ProjectSchema> getIgnoreCase(String name) {
        Optional<ProjectSchema> exact = project(name);
        if (exact.isPresent()) {
          return new Named<>(name, exact.get());
        }
        for (String listed : names()) {
          if (listed.equalsIgnoreCase(name)) {
            return project(listed).map(s -> new Named<>(listed, s)).orElse(null);
          }
        }
        return null;
      }

      @Override
      public Set<String> getNames(LikePattern pattern) {
        Predicate<String> matches = pattern.matcher()::apply;
        Set<String> out = new TreeSet<>();
        for (String n : names()) {
          if (matches.test(n)) {
            out.add(n);
          }
        }
        return out;
      }
    };
  }

  @Override
  public boolean isMutable() {
    return false;
  }

  /** The project schema of that exact name, asking W&B when it is not known yet. */
  Optional<ProjectSchema> project(String name) {
    ProjectSchema known = projects.get(name);
    if (known != null) {
      return Optional.of(known);
    }
    Listing current = listing;
    if (current != null && !expired(current.fetchedAt())) {
      return Optional.empty();
    }
    Long absent = absentSince.get(name);
    if (absent != null && !expired(absent)) {
      return Optional.empty();
    }
    Optional<ProjectNode> node = session.source().project(session.entity(), name,
        PlanningControl.current());
    if (node.isEmpty()) {
      absentSince.put(name, System.nanoTime());
      return Optional.empty();
    }
    absentSince.remove(name);
    return Optional.of(projects.computeIfAbsent(node.get().name(),
        n -> new ProjectSchema(session, node.get())));
  }

  /** Names of all projects of the entity, paging through them at most once a minute. */
  private Set<String> names() {
    Listing current = listing;
    if (current != null && !expired(current.fetchedAt())) {
      return current.names();
    }
    Set<String> names = new TreeSet<>();
    String cursor = null;
    do {
      Page<ProjectNode> page = session.source().projects(session.entity(), cursor,
          PROJECTS_PER_PAGE, PlanningControl.current());
      for (ProjectNode p : page.items()) {
        names.add(p.name());
        projects.computeIfAbsent(p.name(), n -> new ProjectSchema(session, p));
        absentSince.remove(p.name());
      }
      cursor = page.hasNextPage() ? page.endCursor() : null;
    } while (cursor != null);
    listing = new Listing(Set.copyOf(names), System.nanoTime());
    return listing.names();
  }

  private static boolean expired(long sinceNanos) {
    return System.nanoTime() - sinceNanos > REMEMBER.toNanos();
  }

  private record Listing(Set<String> names, long fetchedAt) {}
}
