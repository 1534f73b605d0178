package io.github.wandbjdbc.testserver.generate;

import io.github.wandbjdbc.testserver.data.ConfigData;
import io.github.wandbjdbc.testserver.data.HistoryData;
import io.github.wandbjdbc.testserver.data.RunData;
import io.github.wandbjdbc.testserver.data.ServerData;
import io.github.wandbjdbc.testserver.data.UserData;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The benchmark's data: entity {@value #ENTITY}, project {@value #PROJECT} with
 * {@value #RUNS} runs of a realistic size (a dozen config keys, a dozen summary metrics), of
 * which {@value #LONG_RUNS} tagged {@value #LONG_TAG} have {@value #LONG_STEPS} history steps
 * each, and run {@value #MILLION_RUN} with {@value #MILLION_STEPS} steps. Histories are generated
 * on demand (nothing stored), rows as a function of the step.
 */
public final class BenchDataGenerator {
  public static final String ENTITY = "bench-team";
  public static final String PROJECT = "bench";
  public static final int RUNS = 10_000;
  public static final int LONG_RUNS = 100;
  public static final String LONG_TAG = "long";
  public static final long LONG_STEPS = 5_000;
  public static final String MILLION_RUN = "million1";
  public static final long MILLION_STEPS = 1_000_000;
  public static final String WIDE_PROJECT = "bench-wide";
  public static final int WIDE_RUNS = 1_250;
  public static final int WIDE_SELECTED = 1_000;
  public static final String WIDE_GROUP = "sweep-a";
  public static final long WIDE_STEPS = 10_000;
  /** The metrics each run of {@value #WIDE_PROJECT} logs at every step. */
  public static final List<String> WIDE_KEYS = List.of("loss", "acc", "val_loss", "val_acc", "lr",
      "grad_norm", "throughput", "gpu_mem", "epoch", "weight_norm");

  private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
  private static final UserData USER = new UserData("bench", "Bench User", null);
  private static final List<String> STATES = List.of("finished", "finished", "finished",
      "finished", "crashed", "failed", "killed", "running");

  /** Adds the benchmark project to {@code assembler}. */
  public void addTo(ServerData.Assembler assembler) {
    assembler.project(ENTITY, true, PROJECT, "benchmark data", USER, START.minusSeconds(86_400));
    Random random = new Random(42);
    for (int i = 0; i < RUNS; i++) {
      boolean million = i == RUNS - 1;
      boolean longRun = !million && i % (RUNS / LONG_RUNS) == 0;
      long steps = million ? MILLION_STEPS : longRun ? LONG_STEPS : 50 + random.nextInt(200);
      assembler.addRun(run(random, i, million ? MILLION_RUN : String.format("b%07d", i), steps,
          longRun));
    }
    assembler.project(ENTITY, true, WIDE_PROJECT, "a finished sweep", USER,
        START.minusSeconds(86_400));
    for (int i = 0; i < WIDE_RUNS; i++) {
      assembler.addRun(wideRun(random, i));
    }
  }

  /** A run of the finished sweep: every step logs every one of {@link #WIDE_KEYS}. */
  private static RunData wideRun(Random random, int index) {
    Instant created = START.plusSeconds(60L * index);
    double lr = Math.pow(10, -5 + 3 * random.nextDouble());
    Map<String, Object> wrapped = new LinkedHashMap<>();
    wrapped.put("lr", Map.of("value", lr));
    wrapped.put("seed", Map.of("value", (long) index));
    HistoryData history = new GeneratedHistory(StepSchedule.every(1, WIDE_STEPS - 1),
        new WideHistoryRow(random.nextLong(), lr, created.getEpochSecond()));
    Map<String, Object> keys = new LinkedHashMap<>();
    for (String k : List.of("_step", "_runtime", "_timestamp")) {
      keys.put(k, Map.of("typeCounts", List.of(Map.of("type", "number", "count", WIDE_STEPS))));
    }
    for (String k : WIDE_KEYS) {
      keys.put(k, Map.of("typeCounts", List.of(Map.of("type", "number", "count", WIDE_STEPS))));
    }
    long seconds = (long) (WIDE_STEPS * 1.5);
    return RunData.builder()
        .entityName(ENTITY).projectName(WIDE_PROJECT).name(String.format("w%06d", index))
        .displayName("sweep-" + index).state("finished").tags(List.of("sweep"))
        .group(index % 5 == 4 ? "sweep-b" : WIDE_GROUP).jobType("train").host("node-" + index % 16)
        .createdAt(created).heartbeatAt(created.plusSeconds(seconds))
        .updatedAt(created.plusSeconds(seconds)).computeSeconds(seconds).user(USER)
        .config(ConfigData.fromWrapped(wrapped))
        .summary(Map.of("_step", WIDE_STEPS - 1, "loss", lr))
        .history(history).historyKeys(Map.of("lastStep", WIDE_STEPS - 1, "keys", keys))
        .build();
  }

  /** A row of the finished sweep as a pure function of the step. */
  private record WideHistoryRow(long seed, double lr, long startEpochSecond)
      implements java.util.function.LongFunction<Map<String, Object>> {
    @Override
    public Map<String, Object> apply(long step) {
      double progress = 1.0 / (1 + step / 1000.0);
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("_step", step);
      row.put("_runtime", step * 1.5);
      row.put("_timestamp", startEpochSecond + step * 1.5);
      for (int k = 0; k < WIDE_KEYS.size(); k++) {
        double noise = ((seed ^ ((step * 16 + k) * 0x9E3779B97F4A7C15L)) >>> 11)
            / (double) (1L << 53) - 0.5;
        row.put(WIDE_KEYS.get(k), k == 4 ? lr * progress : progress * (k + 1) + 0.05 * noise);
      }
      return row;
    }
  }

  private static RunData run(Random random, int index, String name, long steps, boolean longRun) {
    Instant created = START.plusSeconds(600L * index);
    double lr = Math.pow(10, -5 + 3 * random.nextDouble());
    Map<String, Object> wrapped = new LinkedHashMap<>();
    wrapped.put("lr", Map.of("value", lr));
    wrapped.put("batch_size", Map.of("value", (long) (16 << random.nextInt(5))));
    wrapped.put("optimizer", Map.of("value", List.of("adam", "sgd", "adamw").get(random.nextInt(3))));
    wrapped.put("epochs", Map.of("value", (long) (10 + random.nextInt(90))));
    wrapped.put("dropout", Map.of("value", random.nextInt(5) / 10.0));
    wrapped.put("weight_decay", Map.of("value", Math.pow(10, -6 + 3 * random.nextDouble())));
    wrapped.put("model", Map.of("value", Map.of("arch", "resnet" + (18 << random.nextInt(3)),
        "width", (long) (64 << random.nextInt(3)))));
    wrapped.put("seed", Map.of("value", (long) random.nextInt(100_000)));
    wrapped.put("dataset", Map.of("value", "imagenet-" + random.nextInt(4)));
    wrapped.put("augment", Map.of("value", random.nextBoolean()));
    double loss = 0.1 + 2 * random.nextDouble();
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("loss", loss);
    summary.put("val/loss", loss * (1 + random.nextDouble() / 5));
    summary.put("acc", 1 - loss / 3);
    summary.put("val/acc", 1 - loss / 2.8);
    summary.put("lr", lr / 10);
    summary.put("epoch", (long) random.nextInt(100));
    summary.put("grad_norm", random.nextDouble() * 5);
    summary.put("throughput", 500 + random.nextDouble() * 2000);
    summary.put("_step", steps - 1);
    summary.put("_runtime", steps * 1.5);
    summary.put("_timestamp", created.getEpochSecond() + steps * 1.5);
    String state = STATES.get(random.nextInt(STATES.size()));
    long seed = random.nextLong();
    HistoryData history = new GeneratedHistory(StepSchedule.every(1, steps - 1),
        new BenchHistoryRow(seed, lr, loss, created.getEpochSecond()));
    Map<String, Object> historyKeys = new LinkedHashMap<>();
    Map<String, Object> keys = new LinkedHashMap<>();
    for (String k : List.of("_step", "_runtime", "_timestamp", "loss", "acc", "lr", "grad_norm")) {
      keys.put(k, Map.of("typeCounts", List.of(Map.of("type", "number", "count", steps))));
    }
    historyKeys.put("lastStep", steps - 1);
    historyKeys.put("keys", keys);
    return RunData.builder()
        .entityName(ENTITY).projectName(PROJECT).name(name)
        .displayName("bench-" + index).state(state)
        .tags(longRun ? List.of(LONG_TAG, "bench") : List.of("bench"))
        .group("g" + index % 20).jobType("train").host("node-" + index % 16)
        .createdAt(created).heartbeatAt(created.plusSeconds((long) (steps * 1.5)))
        .updatedAt(created.plusSeconds((long) (steps * 1.5)))
        .computeSeconds((long) (steps * 1.5)).user(USER)
        .config(ConfigData.fromWrapped(wrapped)).summary(summary)
        .history(history).historyKeys(historyKeys)
        .build();
  }

  /** One history row as a pure function of the step: equal seeds give equal rows. */
  private record BenchHistoryRow(long seed, double lr, double finalLoss, long startEpochSecond)
      implements java.util.function.LongFunction<Map<String, Object>> {
    @Override
    public Map<String, Object> apply(long step) {
      double progress = 1.0 / (1 + step / 500.0);
      double noise = ((seed ^ (step * 0x9E3779B97F4A7C15L)) >>> 11) / (double) (1L << 53) - 0.5;
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("_step", step);
      row.put("_runtime", step * 1.5);
      row.put("_timestamp", startEpochSecond + step * 1.5);
      row.put("loss", finalLoss + 2 * progress + 0.05 * noise);
      row.put("acc", 1 - (finalLoss + 2 * progress) / 3);
      row.put("lr", lr * progress);
      row.put("grad_norm", 1 + noise);
      return row;
    }
  }
}
