package io.github.wandbjdbc.testserver.data;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A sweep as the test server serves it ({@code Project.sweeps}, {@code Project.sweep}). A project's
 * sweeps are those declared for it plus one derived for every other {@code sweepName} its runs
 * carry; in both cases {@code runCount} is the number of runs naming the sweep and {@code bestLoss}
 * the lowest finite summary {@code loss} among them (see {@link #counting}).
 *
 * @param configYaml       {@code Sweep.config}: YAML text
 * @param runCountExpected {@code Sweep.runCountExpected}, null when the sweep has no run cap
 */
public record SweepData(String name, String displayName, String method, String state, String description,
    Double bestLoss, String configYaml, Instant createdAt, Instant updatedAt, int runCount,
    Integer runCountExpected) {

  public SweepData {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(configYaml, "configYaml");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /** The sweeps of a project, by name. */
  public static List<SweepData> of(ProjectData project) {
    return project.sweeps();
  }

  /** The opaque Relay id, base64 of {@code Sweep:<name>}. */
  public String id() {
    return Base64.getEncoder().encodeToString(("Sweep:" + name).getBytes(StandardCharsets.UTF_8));
  }

  /** A sweep declared with its settings; run counts and best loss come from {@link #counting}. */
  public static SweepData declared(String name, String displayName, String method, String state,
      String description, String configYaml, Instant createdAt, Integer runCountExpected) {
    return new SweepData(name, displayName, method, state, description, null, configYaml, createdAt,
        createdAt, 0, runCountExpected);
  }

  /** A sweep nobody declared, known only from runs naming it (loaded run folders). */
  static SweepData derived(String name, List<RunData> runs) {
    String method = Math.floorMod(name.hashCode(), 2) == 0 ? "bayes" : "random";
    Instant created = runs.stream().map(RunData::createdAt).min(Comparator.naturalOrder()).orElse(Instant.EPOCH);
    String state = runs.stream().anyMatch(r -> "running".equals(r.state())) ? "RUNNING" : "FINISHED";
    return declared(name, "sweep " + name, method, state, null, yaml(method), created, null).counting(runs);
  }

  /** This sweep with the figures that follow from its runs. */
  SweepData counting(List<RunData> runs) {
    Double best = runs.stream().map(r -> r.summary().get("loss"))
        .filter(v -> v instanceof Number n && Double.isFinite(n.doubleValue()))
        .map(v -> ((Number) v).doubleValue()).min(Double::compare).orElse(null);
    Instant updated = runs.stream().map(RunData::updatedAt).filter(Objects::nonNull)
        .max(Comparator.naturalOrder()).filter(u -> u.isAfter(createdAt)).orElse(createdAt);
    return new SweepData(name, displayName, method, state, description, best, configYaml, createdAt, updated,
        runs.size(), runCountExpected);
  }

  /** The sweep configuration W&B stores as YAML; {@code metric} is what {@code bestLoss} tracks. */
  public static String yaml(String method) {
    return "method: " + method + "\nmetric:\n  name: val/loss\n  goal: minimize\n"
        + "parameters:\n  lr:\n    min: 0.0001\n    max: 0.1\n  batch_size:\n    values: [32, 64, 128, 256]\n";
  }
}
