package io.github.wandbjdbc.testserver;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A sweep as the test server serves it, derived from the runs that name it: created with its
 * first run, {@code bestLoss} the lowest finite summary {@code loss}, config a YAML text.
 */
public record SweepData(String name, String displayName, String method, String state,
    Double bestLoss, String configYaml, Instant createdAt, Instant updatedAt, int runCount) {

  /** The sweeps of a project, by name. */
  public static List<SweepData> of(ProjectData project) {
    Map<String, List<RunData>> bySweep = new TreeMap<>();
    project.runs().stream().filter(r -> r.sweepName() != null)
        .forEach(r -> bySweep.computeIfAbsent(r.sweepName(), k -> new ArrayList<>()).add(r));
    List<SweepData> sweeps = new ArrayList<>();
    bySweep.forEach((name, runs) -> {
      Double best = runs.stream().map(r -> r.summary().get("loss"))
          .filter(v -> v instanceof Number n && Double.isFinite(n.doubleValue()))
          .map(v -> ((Number) v).doubleValue()).min(Double::compare).orElse(null);
      Instant created = runs.stream().map(RunData::createdAt).min(Comparator.naturalOrder())
          .orElseThrow();
      Instant updated = runs.stream().map(RunData::updatedAt).filter(Objects::nonNull)
          .max(Comparator.naturalOrder()).orElse(created);
      String method = Math.floorMod(name.hashCode(), 2) == 0 ? "bayes" : "random";
      String yaml = "method: " + method + "\nmetric:\n  name: val/loss\n  goal: minimize\n"
          + "parameters:\n  lr:\n    min: 0.0001\n    max: 0.1\n  batch_size:\n    values: [32, 64, 128, 256]\n";
      sweeps.add(new SweepData(name, "sweep " + name, method,
          runs.stream().anyMatch(r -> "running".equals(r.state())) ? "RUNNING" : "FINISHED",
          best, yaml, created, updated, runs.size()));
    });
    return sweeps;
  }
}
