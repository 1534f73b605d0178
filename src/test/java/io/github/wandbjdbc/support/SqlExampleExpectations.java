package io.github.wandbjdbc.support;

import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.github.wandbjdbc.testserver.data.ArtifactData;
import io.github.wandbjdbc.testserver.data.ProjectData;
import io.github.wandbjdbc.testserver.data.RunData;
import io.github.wandbjdbc.testserver.data.RunFile;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The rows the {@code sql-examples/} that read stream tables must return, computed from the
 * project the test server serves ({@link ProjectData}) without the driver: each method does in
 * Java what its statement says, with SQL's rules where they matter (PostgreSQL's order of
 * doubles, NaN above every number; NULLs left out of AVG and MAX; inner joins dropping runs
 * without rows). Where the statement's ORDER BY or LIMIT would leave a tie to chance, the data is
 * checked to have none, so that one order is right.
 */
public final class SqlExampleExpectations {
  /** PostgreSQL's order of doubles: NaN above +Infinity, -0.0 equal to 0.0. */
  private static final Comparator<Double> PG_DOUBLES =
      Comparator.comparing((Double d) -> d == 0.0 ? 0.0 : d, Double::compare);
  private static final double MIB = 1_048_576.0;

  private final ProjectData project;

  public SqlExampleExpectations(ProjectData project) {
    this.project = project;
  }

  /** How to compute the expected rows of each example, by file name. */
  public Map<String, Supplier<List<List<Object>>>> all() {
    Map<String, Supplier<List<List<Object>>>> out = new LinkedHashMap<>();
    out.put("03-learning-curves-of-top-5.sql", this::learningCurvesOfTop5);
    out.put("05-runs-at-their-best-step.sql", this::runsAtTheirBestStep);
    out.put("07-gpu-memory-of-longest-runs.sql", this::gpuMemoryOfLongestRuns);
    out.put("08-largest-files-per-run.sql", this::largestFilesPerRun);
    out.put("09-lineage-of-a-model.sql", this::lineageOfAModel);
    out.put("10-runs-that-used-a-dataset.sql", this::runsThatUsedADataset);
    return out;
  }

  /** Every history row of the 5 finished runs with the lowest finite val/loss. */
  List<List<Object>> learningCurvesOfTop5() {
    List<RunData> ranked = project.runs().stream()
        .filter(r -> r.state().equals("finished"))
        .filter(r -> inRange(summary(r, "val/loss"), 0, 1e300))
        .sorted(Comparator.comparing(r -> summary(r, "val/loss"), PG_DOUBLES)).toList();
    assertNotEquals(summary(ranked.get(4), "val/loss"), summary(ranked.get(5), "val/loss"),
        "no tie at the LIMIT 5");
    List<List<Object>> rows = new ArrayList<>();
    for (RunData r : ranked.subList(0, 5)) {
      for (Map<String, Object> h : r.history().rows()) {
        rows.add(row(r.displayName(), longOf(h.get("_step")), doubleOf(h.get("loss")),
            doubleOf(h.get("val/loss"))));
      }
    }
    return rows;
  }

  /** Each crashed run with batch size 256, at its step of lowest val/loss (first such step). */
  List<List<Object>> runsAtTheirBestStep() {
    List<List<Object>> rows = new ArrayList<>();
    for (RunData r : project.runs()) {
      Double batchSize = doubleOf(config(r, "batch_size"));
      if (!r.state().equals("crashed") || batchSize == null || batchSize != 256) {
        continue;
      }
      r.history().rows().stream()
          .filter(h -> h.get("val/loss") != null)
          .min(Comparator.comparing((Map<String, Object> h) -> doubleOf(h.get("val/loss")),
                  PG_DOUBLES)
              .thenComparing(h -> longOf(h.get("_step"))))
          .ifPresent(best -> rows.add(row(r.name(), r.displayName(), longOf(best.get("_step")),
              doubleOf(best.get("val/loss")), r.historyLineCount(),
              doubleOf(config(r, "lr")))));
    }
    return sortedWithoutTies(rows, row -> (Double) row.get(3), PG_DOUBLES, "best_val_loss");
  }

  /** System metrics of the 5 runs with most history rows, grouped by name and row count. */
  List<List<Object>> gpuMemoryOfLongestRuns() {
    Set<String> states = Set.of("finished", "crashed", "killed");
    List<RunData> longest = project.runs().stream()
        .filter(r -> states.contains(r.state()))
        .sorted(Comparator.comparing(RunData::historyLineCount).reversed()
            .thenComparing(RunData::name))
        .limit(5).toList();
    Map<List<Object>, List<Map<String, Object>>> groups = new LinkedHashMap<>();
    for (RunData r : longest) {
      groups.computeIfAbsent(List.of(r.displayName(), r.historyLineCount()), k -> new ArrayList<>())
          .addAll(r.events().rows());
    }
    List<List<Object>> rows = new ArrayList<>();
    groups.forEach((key, events) -> {
      if (!events.isEmpty()) {
        List<Double> memory = numbers(events, "system.gpu.0.memoryAllocated");
        rows.add(row(key.get(0), key.get(1), (long) events.size(), average(memory),
            memory.stream().max(PG_DOUBLES).orElse(null),
            average(numbers(events, "system.gpu.0.gpu"))));
      }
    });
    return sortedWithoutTies(rows, row -> (Long) row.get(1), Comparator.<Long>reverseOrder(),
        "history_line_count");
  }

  /** The largest file (then the first by name) of each of the 20 newest finished runs. */
  List<List<Object>> largestFilesPerRun() {
    List<RunData> recent = project.runs().stream()
        .filter(r -> r.state().equals("finished"))
        .sorted(Comparator.comparing((RunData r) -> millis(r.createdAt())).reversed()
            .thenComparing(RunData::name))
        .limit(20).toList();
    List<List<Object>> rows = new ArrayList<>();
    for (RunData r : recent) {
      r.files().stream()
          .min(Comparator.comparing(RunFile::sizeBytes).reversed().thenComparing(RunFile::name))
          .ifPresent(f -> rows.add(row(r.displayName(), f.name(), f.sizeBytes() / MIB,
              f.mimetype())));
    }
    return sortedWithoutTies(rows, row -> (Double) row.get(2), PG_DOUBLES.reversed(),
        "size_bytes");
  }

  /** For each resnet-ckpt version: its logging run and every version that run used. */
  List<List<Object>> lineageOfAModel() {
    List<List<Object>> rows = new ArrayList<>();
    List<ArtifactData> versions = project.versions("resnet-ckpt").stream()
        .sorted(Comparator.comparing(ArtifactData::versionIndex)).toList();
    for (ArtifactData model : versions) {
      if (model.createdByRun() == null) {
        continue;
      }
      RunData producer = project.run(model.createdByRun()).orElseThrow();
      project.inputArtifacts(producer.name()).stream()
          .map(used -> used.collectionName() + ":" + used.version()).sorted()
          .forEach(used -> rows.add(row(model.version(), model.aliases(), model.state(),
              producer.name(), doubleOf(config(producer, "lr")),
              summary(producer, "val/loss"), used)));
    }
    return rows;
  }

  /** The 25 runs that used cifar10:v3 with the best val/acc (NaN first, NULL last). */
  List<List<Object>> runsThatUsedADataset() {
    ArtifactData v3 = project.versions("cifar10").stream()
        .filter(a -> a.version().equals("v3")).findFirst().orElseThrow();
    Comparator<Double> descNullsLast = Comparator.nullsLast(PG_DOUBLES.reversed());
    return v3.usedBy().stream().map(ArtifactData.Use::runName).distinct()
        .map(name -> project.run(name).orElseThrow())
        .sorted(Comparator.comparing((RunData r) -> summary(r, "val/acc"), descNullsLast)
            .thenComparing(RunData::name))
        .limit(25)
        .map(r -> row(r.name(), r.displayName(), r.state(), summary(r, "val/acc"),
            LocalDateTime.ofInstant(r.createdAt().truncatedTo(ChronoUnit.MILLIS),
                ZoneOffset.UTC)))
        .toList();
  }

  /** The rows in the statement's order, after checking that the order key has no ties. */
  private static <K> List<List<Object>> sortedWithoutTies(List<List<Object>> rows,
      Function<List<Object>, K> key, Comparator<K> order, String what) {
    List<List<Object>> sorted = new ArrayList<>(rows);
    sorted.sort(Comparator.comparing(key, order));
    for (int i = 1; i < sorted.size(); i++) {
      assertNotEquals(0, order.compare(key.apply(sorted.get(i - 1)), key.apply(sorted.get(i))),
          "the sample data ties on " + what + ", so no single order is right: " + sorted.get(i));
    }
    return sorted;
  }

  private static boolean inRange(Double d, double low, double high) {
    return d != null && !d.isNaN() && d >= low && d <= high;
  }

  private static Double summary(RunData r, String key) {
    return doubleOf(r.summary().get(key));
  }

  /** A config value by its dotted path, as the {@code config.<path>} columns read it. */
  private static Object config(RunData r, String path) {
    Object value = r.config().values();
    for (String part : path.split("\\.")) {
      value = value instanceof Map<?, ?> map ? map.get(part) : null;
    }
    return value;
  }

  private static List<Double> numbers(List<Map<String, Object>> rows, String key) {
    return rows.stream().map(row -> doubleOf(row.get(key))).filter(Objects::nonNull).toList();
  }

  private static Double average(List<Double> values) {
    return values.isEmpty() ? null
        : values.stream().mapToDouble(Double::doubleValue).sum() / values.size();
  }

  private static Double doubleOf(Object o) {
    return o instanceof Number n ? n.doubleValue() : null;
  }

  private static Long longOf(Object o) {
    return o instanceof Number n ? n.longValue() : null;
  }

  private static long millis(Instant at) {
    return at.toEpochMilli();
  }

  private static List<Object> row(Object... values) {
    return Arrays.asList(values);
  }
}
