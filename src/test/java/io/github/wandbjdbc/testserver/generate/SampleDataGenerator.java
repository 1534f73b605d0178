package io.github.wandbjdbc.testserver.generate;

import io.github.wandbjdbc.testserver.data.ConfigData;
import io.github.wandbjdbc.testserver.data.RunData;
import io.github.wandbjdbc.testserver.data.ServerData;
import io.github.wandbjdbc.testserver.data.SweepData;
import io.github.wandbjdbc.testserver.data.UserData;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Generates the deterministic sample data: entity {@value #ENTITY} with project
 * {@value #RESNET_PROJECT} (exactly {@value #RESNET_RUNS} runs, most from sweep {@value #MAIN_SWEEP},
 * {@value #SECOND_SWEEP_RUNS} from sweep {@value #SECOND_SWEEP}, {@value #NON_SWEEP_RUNS} outside any
 * sweep) and the small project {@value #BERT_PROJECT} with different config keys.
 *
 * <p>The data is meant to exercise a SQL driver: every run state, config values wrapped both ways
 * ({@code {"value": v}} and {@code {"desc": null, "value": v}}), a nested config dict, keys missing on
 * some runs, integers above 2^31, NaN and ±Infinity on diverged runs, a histogram media object under
 * a key holding {@code /} and {@code .}, empty summaries, tags with a space and with non-ASCII
 * letters, null groups/job types/notes, notes with quotes and newlines, null {@code heartbeatAt} on
 * pending runs, creation times spread over two years with a few exact ties.
 *
 * <p>Runs also have a history, system metrics and files ({@link SampleRunStreams}: sparse
 * {@code val/*} keys, NaN/±Infinity on diverged runs, a nested map, a histogram and image media, a
 * string and a bool key, a step gap in {@value #STEP_GAP_RUN}, 100,000 steps in
 * {@value #LONG_HISTORY_RUN}, no history on runs without a summary), the projects have sweeps
 * ({@value #MAIN_SWEEP}, {@value #SECOND_SWEEP}, and {@value #EMPTY_SWEEP} in {@value #BERT_PROJECT}
 * with no runs) and artifacts with lineage ({@link SampleArtifacts}).
 *
 * <p>A fixed seed and {@link java.util.Random} (whose algorithm the JDK specifies) make two
 * generations equal on every JVM. History, files and artifacts draw from seeds of their own, after
 * the runs are made, so adding them left every run attribute, config and summary as it was.
 */
public final class SampleDataGenerator {

  public static final String ENTITY = "demo-team";
  public static final String RESNET_PROJECT = "resnet-sweep";
  public static final String BERT_PROJECT = "bert-finetune";
  public static final int RESNET_RUNS = 2000;
  public static final int BERT_RUNS = 24;
  public static final String MAIN_SWEEP = "r8x2k5qz";
  public static final String SECOND_SWEEP = "m3v7p1tw";
  public static final int SECOND_SWEEP_RUNS = 250;
  public static final int NON_SWEEP_RUNS = 100;
  /** Key of the histogram media object present on some resnet runs' summaries. */
  public static final String HISTOGRAM_KEY = "gradients/fc.weight";
  /** The resnet run (finished, main sweep) whose history has 100,000 steps, 0–99,999. */
  public static final String LONG_HISTORY_RUN = "ka4a4jl9";
  /** A resnet run whose history logs every step but jumps from step 99 to step 500. */
  public static final String STEP_GAP_RUN = "4c01l48r";
  /** A sweep of {@value #BERT_PROJECT} that no run belongs to. */
  public static final String EMPTY_SWEEP = "q9w4e2rt";
  /** The dataset collection of {@value #RESNET_PROJECT}: versions v0–v3, v3 {@code latest}/{@code production}. */
  public static final String CIFAR10 = SampleArtifacts.CIFAR10;
  /** The model collection of {@value #RESNET_PROJECT}, with a DELETED (v4) and a PENDING (newest) version. */
  public static final String CHECKPOINTS = SampleArtifacts.CHECKPOINTS;

  private static final long SEED = 20250301L;
  /** Seeds of the streams added later; separate so the runs drawn from {@link #SEED} stay as they were. */
  private static final long STREAMS_SEED = 20250302L;
  private static final long ARTIFACTS_SEED = 20250303L;
  private static final Instant RESNET_START = Instant.parse("2023-09-01T08:00:00Z");
  private static final Instant BERT_START = Instant.parse("2025-04-02T09:30:00Z");

  static final List<UserData> USERS = List.of(
      new UserData("alice", "Alice Nakamura", "alice@example.com"),
      new UserData("bob", "Bob Okafor", "bob@example.com"),
      new UserData("carol", "Carol Díaz", "carol@example.com"),
      new UserData("dmitri", "Dmitri Volkov", null));
  static final List<String> TAGS = List.of(
      "baseline", "resnet", "augmented", "lr-sweep", "needs review", "größer-batch", "prod");
  private static final List<String> NOTES = List.of(
      "Baseline with \"cosine\" schedule",
      "Diverged after epoch 3.\nRestarted with a lower lr.",
      "Tried \"warmup\":\n- 5 epochs\n- linear",
      "It's the one from the paper's table 2",
      "Überprüfen: Daten-Augmentierung an?");
  private static final List<String> ADJECTIVES = List.of(
      "wise", "fluent", "dulcet", "gentle", "brisk", "amber", "quiet", "lucky", "vivid", "royal",
      "misty", "sunny", "crisp", "noble", "swift", "stellar");
  private static final List<String> NOUNS = List.of(
      "cherry", "sweep", "river", "meadow", "forest", "galaxy", "thunder", "breeze", "moon", "pond",
      "cloud", "dawn", "field", "glade", "harbor", "valley");
  private static final String[][] ARCHS = {{"resnet18", "18"}, {"resnet34", "34"}, {"resnet50", "50"}, {"resnet101", "101"}};
  private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

  /** Where each start time of the fixed timeline goes: itself, for the dates tests rely on. */
  private final UnaryOperator<Instant> time;

  public SampleDataGenerator() {
    this(UnaryOperator.identity());
  }

  private SampleDataGenerator(UnaryOperator<Instant> time) {
    this.time = time;
  }

  /**
   * The same data in recent time, for demos and examples that ask for "the last 7 days": the
   * newest crashed run of {@value #RESNET_PROJECT} started 3 days before {@code now}; the runs
   * started after it on the fixed timeline (the running and pending tail, over two weeks) are
   * spread over the time between then and an hour ago; earlier runs keep their spacing.
   */
  public static SampleDataGenerator endingNear(Instant now) {
    List<RunData> fixed = new SampleDataGenerator().resnetRuns(new Random(SEED), new HashSet<>());
    Instant lastCrash = fixed.stream().filter(r -> r.state().equals("crashed"))
        .map(RunData::createdAt).max(Instant::compareTo).orElseThrow();
    Instant newest = fixed.stream().map(RunData::createdAt).max(Instant::compareTo).orElseThrow();
    Instant anchor = now.minus(Duration.ofDays(3)).truncatedTo(ChronoUnit.SECONDS);
    double tailScale = (double) Duration.between(anchor, now.minus(Duration.ofHours(1))).toNanos()
        / Math.max(1, Duration.between(lastCrash, newest).toNanos());
    return new SampleDataGenerator(t -> {
      Duration sinceCrash = Duration.between(lastCrash, t);
      Duration moved = sinceCrash.isNegative() ? sinceCrash
          : Duration.ofNanos((long) (sinceCrash.toNanos() * Math.min(1, tailScale)));
      return anchor.plus(moved).truncatedTo(ChronoUnit.MICROS);
    });
  }

  /** Generates the sample data on its own (viewer {@link ServerData#DEFAULT_VIEWER}). */
  public ServerData generate() {
    ServerData.Assembler assembler = ServerData.assembler(ServerData.DEFAULT_VIEWER);
    addTo(assembler);
    return assembler.build();
  }

  /** Adds the sample entity, projects and runs to {@code assembler}. */
  public void addTo(ServerData.Assembler assembler) {
    Random random = new Random(SEED);
    Set<String> usedNames = new HashSet<>();
    assembler.project(ENTITY, true, RESNET_PROJECT, "ResNet hyper-parameter sweeps on CIFAR-10",
        USERS.get(0), time.apply(RESNET_START).minus(Duration.ofDays(1)));
    assembler.project(ENTITY, true, BERT_PROJECT, "BERT fine-tuning on GLUE tasks",
        USERS.get(1), time.apply(BERT_START).minus(Duration.ofDays(3)));
    List<RunData> resnet = resnetRuns(random, usedNames);
    List<RunData> bert = bertRuns(random, usedNames);
    SampleRunStreams streams = new SampleRunStreams(new Random(STREAMS_SEED));
    resnet = resnet.stream().map(streams::resnet).toList();
    bert = bert.stream().map(streams::bert).toList();
    resnet.forEach(assembler::addRun);
    bert.forEach(assembler::addRun);
    sweeps(assembler, resnet, bert);
    SampleArtifacts artifacts = new SampleArtifacts(new Random(ARTIFACTS_SEED));
    SampleArtifacts.ProjectArtifacts resnetArtifacts = artifacts.resnet(resnet);
    assembler.artifacts(ENTITY, RESNET_PROJECT, resnetArtifacts.types(), resnetArtifacts.collections(),
        resnetArtifacts.versions());
    SampleArtifacts.ProjectArtifacts bertArtifacts = artifacts.bert(bert);
    assembler.artifacts(ENTITY, BERT_PROJECT, bertArtifacts.types(), bertArtifacts.collections(),
        bertArtifacts.versions());
  }

  /** The two resnet sweeps, and a bert sweep that was created but never ran. */
  private static void sweeps(ServerData.Assembler assembler, List<RunData> resnet, List<RunData> bert) {
    Instant mainStart = resnet.stream().filter(r -> MAIN_SWEEP.equals(r.sweepName())).findFirst()
        .orElseThrow().createdAt().minusSeconds(600);
    Instant secondStart = resnet.stream().filter(r -> SECOND_SWEEP.equals(r.sweepName())).findFirst()
        .orElseThrow().createdAt().minusSeconds(300);
    assembler.sweep(ENTITY, RESNET_PROJECT, SweepData.declared(MAIN_SWEEP, "lr and batch size", "bayes",
        "FINISHED", "Main hyper-parameter search", SweepData.yaml("bayes"), mainStart, null));
    assembler.sweep(ENTITY, RESNET_PROJECT, SweepData.declared(SECOND_SWEEP, "deeper models", "random",
        "RUNNING", null, SweepData.yaml("random"), secondStart, 300));
    assembler.sweep(ENTITY, BERT_PROJECT, SweepData.declared(EMPTY_SWEEP, "warmup ratio", "grid", "PENDING",
        "Created, never started", "method: grid\nparameters:\n  warmup_ratio:\n    values: [0.0, 0.06, 0.1]\n",
        bert.get(bert.size() - 1).createdAt().plusSeconds(3_600), 3));
  }

  private List<RunData> resnetRuns(Random random, Set<String> usedNames) {
    List<String> sweeps = sweepAssignment();
    List<RunData> runs = new ArrayList<>(RESNET_RUNS);
    Instant wholeSecond = RESNET_START;
    Instant createdAt = RESNET_START;
    for (int i = 0; i < RESNET_RUNS; i++) {
      // Every 397th run starts in the same microsecond as the previous one: exact ties on created_at.
      if (i > 0 && i % 397 != 5) {
        wholeSecond = wholeSecond.plusSeconds(1 + random.nextInt(63_000));
        // W&B serves whole seconds for some runs and microseconds for others.
        createdAt = random.nextInt(10) < 3 ? wholeSecond.plusNanos(1_000L * (1 + random.nextInt(999_999))) : wholeSecond;
      }
      runs.add(resnetRun(random, i, time.apply(createdAt), sweeps.get(i),
          uniqueName(random, usedNames)));
    }
    return runs;
  }

  /** 60 exploratory runs, then the main sweep with 40 manual runs mixed in, then the second sweep. */
  private static List<String> sweepAssignment() {
    List<String> sweeps = new ArrayList<>(RESNET_RUNS);
    int manualFirst = 60;
    int manualMixed = NON_SWEEP_RUNS - manualFirst;
    int main = RESNET_RUNS - NON_SWEEP_RUNS - SECOND_SWEEP_RUNS;
    for (int i = 0; i < manualFirst; i++) {
      sweeps.add(null);
    }
    for (int i = 0, mixed = 0; i < main + manualMixed; i++) {
      boolean manual = mixed < manualMixed && i % 41 == 20;
      sweeps.add(manual ? null : MAIN_SWEEP);
      mixed += manual ? 1 : 0;
    }
    for (int i = 0; i < SECOND_SWEEP_RUNS; i++) {
      sweeps.add(SECOND_SWEEP);
    }
    return sweeps;
  }

  private RunData resnetRun(Random random, int index, Instant createdAt, String sweep, String name) {
    String state = resnetState(random, index);
    boolean olderClient = random.nextInt(100) < 15; // wrote {"desc": null, "value": v}
    int epochs = 10 + random.nextInt(91);
    double lr = Math.pow(10, -5 + 4 * random.nextDouble());
    String[] arch = ARCHS[random.nextInt(ARCHS.length)];

    Map<String, Object> values = new LinkedHashMap<>();
    values.put("lr", lr);
    values.put("batch_size", (long) (32 << random.nextInt(4)));
    values.put("optimizer", List.of("adam", "sgd", "adamw").get(random.nextInt(3)));
    values.put("epochs", (long) epochs);
    values.put("model", ordered("arch", arch[0], "depth", Long.parseLong(arch[1]),
        "dropout", List.of(0.0, 0.1, 0.2, 0.3).get(random.nextInt(4))));
    if (random.nextInt(4) != 0) {
      values.put("weight_decay", Math.pow(10, -6 + 4 * random.nextDouble()));
    }
    values.put("augment", random.nextBoolean());
    // About one seed in ten exceeds 2^31, so drivers must not read config integers as INT.
    values.put("seed", random.nextInt(10) == 0 ? 3_000_000_000L + random.nextInt(1_000_000) : (long) random.nextInt(100_000));
    values.put("_wandb", ordered("cli_version", olderClient ? "0.16.6" : "0.19.8",
        "python_version", "3.11.9", "is_jupyter_run", false));
    Map<String, Object> wrapped = new LinkedHashMap<>();
    values.forEach((key, value) -> wrapped.put(key, olderClient ? descWrapped(value) : Map.of("value", value)));

    boolean pending = state.equals("pending");
    int epochsDone = state.equals("finished") ? epochs : Math.max(1, (int) (epochs * random.nextDouble()));
    double runtime = pending ? 0 : Math.round(epochsDone * (20 + random.nextInt(100)) * 100.0 + random.nextInt(100)) / 100.0;
    boolean emptySummary = pending || (state.equals("crashed") && random.nextInt(3) == 0);
    boolean diverged = !emptySummary && random.nextInt(100) < 4;
    long historyLines = emptySummary ? 0 : epochsDone * 10L;

    Map<String, Object> summary = new LinkedHashMap<>();
    if (!emptySummary) {
      double quality = Math.abs(Math.log10(lr) + 3); // best around lr = 1e-3
      double loss = 0.15 + 0.35 * quality + 0.1 * random.nextDouble();
      summary.put("loss", diverged ? Double.NaN : loss);
      summary.put("acc", diverged ? 0.1 : Math.max(0.1, 0.97 - loss / 3));
      if (random.nextInt(10) != 0) {
        summary.put("val/loss", diverged ? (random.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY)
            : loss * (1.05 + 0.2 * random.nextDouble()));
        summary.put("val/acc", diverged ? 0.1 : Math.max(0.1, 0.95 - loss / 3));
      }
      summary.put("best_epoch", (long) (1 + random.nextInt(epochsDone)));
      if (random.nextInt(5) == 0) {
        summary.put(HISTOGRAM_KEY, histogram(random));
      }
      summary.put("_step", historyLines - 1);
      summary.put("_runtime", runtime);
      summary.put("_timestamp", createdAt.getEpochSecond() + runtime);
      summary.put("_wandb", Map.of("runtime", (long) runtime));
    }

    UserData user = USERS.get(weighted(random, 5, 3, 2, 1));
    String notes = random.nextInt(10) < 3 ? NOTES.get(random.nextInt(NOTES.size())) : null;
    Instant heartbeatAt = pending ? null : createdAt.plusMillis((long) (runtime * 1000) + random.nextInt(30_000));
    return RunData.builder()
        .entityName(ENTITY)
        .projectName(RESNET_PROJECT)
        .name(name)
        .displayName(ADJECTIVES.get(random.nextInt(ADJECTIVES.size())) + "-"
            + (sweep != null ? "sweep" : NOUNS.get(random.nextInt(NOUNS.size()))) + "-" + (index + 1))
        .state(state)
        .tags(tags(random))
        .group(group(random))
        .jobType(jobType(random))
        .sweepName(sweep)
        .commit(random.nextInt(20) == 0 ? null : commit(random.nextInt(12)))
        .host(String.format("gpu-node-%02d", 1 + random.nextInt(8)))
        .notes(notes)
        .description(notes)
        .createdAt(createdAt)
        .heartbeatAt(heartbeatAt)
        .updatedAt(heartbeatAt != null ? heartbeatAt : createdAt)
        .stopped(state.equals("killed"))
        .computeSeconds((long) runtime)
        .user(user)
        .config(ConfigData.fromWrapped(wrapped))
        .summary(summary)
        .systemMetrics(pending ? Map.of() : systemMetrics(random))
        .logLineCount(pending ? 0 : 20 + random.nextInt(400))
        .build();
  }

  /** The newest runs are the ones still running or pending; older ones ended one way or another. */
  private static String resnetState(Random random, int index) {
    if (index >= RESNET_RUNS - 36) {
      return index % 3 == 0 ? "pending" : "running";
    }
    int roll = random.nextInt(100);
    if (roll < 76) {
      return "finished";
    }
    if (roll < 84) {
      return "crashed";
    }
    if (roll < 91) {
      return "failed";
    }
    if (roll < 97) {
      return "killed";
    }
    return "preempted";
  }

  private List<RunData> bertRuns(Random random, Set<String> usedNames) {
    List<RunData> runs = new ArrayList<>();
    Instant start = BERT_START;
    List<String> models = List.of("bert-base-uncased", "bert-large-uncased", "roberta-base");
    List<String> tasks = List.of("sst2", "mnli", "qnli");
    for (int i = 0; i < BERT_RUNS; i++) {
      start = start.plusSeconds(3_600 + random.nextInt(400_000));
      Instant createdAt = time.apply(start);
      String state = i == BERT_RUNS - 1 ? "running" : i % 7 == 3 ? "failed" : "finished";
      String task = tasks.get(i % tasks.size());
      int epochs = 2 + random.nextInt(4);
      Map<String, Object> wrapped = new LinkedHashMap<>();
      wrapped.put("model_name", Map.of("value", models.get(random.nextInt(models.size()))));
      wrapped.put("learning_rate", Map.of("value", List.of(1e-5, 2e-5, 3e-5, 5e-5).get(random.nextInt(4))));
      wrapped.put("num_train_epochs", Map.of("value", (long) epochs));
      wrapped.put("max_seq_length", Map.of("value", List.of(128L, 256L, 512L).get(random.nextInt(3))));
      wrapped.put("per_device_train_batch_size", Map.of("value", random.nextBoolean() ? 16L : 32L));
      wrapped.put("warmup_ratio", Map.of("value", 0.06));
      wrapped.put("task", Map.of("value", task));
      wrapped.put("fp16", Map.of("value", random.nextBoolean()));
      wrapped.put("_wandb", Map.of("value", ordered("cli_version", "0.25.1", "python_version", "3.12.3")));
      double runtime = 600 + random.nextInt(7_200);
      long steps = epochs * 2_000L;
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("train/loss", 0.2 + 0.3 * random.nextDouble());
      summary.put("train/global_step", steps);
      if (!state.equals("failed")) {
        summary.put("eval/accuracy", 0.8 + 0.15 * random.nextDouble());
        summary.put("eval/f1", 0.78 + 0.15 * random.nextDouble());
        summary.put("eval/runtime", 20 + 40 * random.nextDouble());
      }
      summary.put("_step", steps / 50 - 1);
      summary.put("_runtime", runtime);
      summary.put("_timestamp", createdAt.getEpochSecond() + runtime);
      summary.put("_wandb", Map.of("runtime", (long) runtime));
      Instant heartbeatAt = createdAt.plusSeconds((long) runtime);
      runs.add(RunData.builder()
          .entityName(ENTITY)
          .projectName(BERT_PROJECT)
          .name(uniqueName(random, usedNames))
          .displayName(task + "-" + (i + 1))
          .state(state)
          .tags(i % 2 == 0 ? List.of("bert", "glue") : List.of("glue"))
          .group(task)
          .jobType("finetune")
          .commit(commit(20 + i % 3))
          .host("tpu-vm-" + (1 + i % 2))
          .createdAt(createdAt)
          .heartbeatAt(heartbeatAt)
          .updatedAt(heartbeatAt)
          .computeSeconds((long) runtime)
          .user(USERS.get(1 + i % 2))
          .config(ConfigData.fromWrapped(wrapped))
          .summary(summary)
          .systemMetrics(systemMetrics(random))
          .logLineCount(100 + random.nextInt(100))
          .build());
    }
    return runs;
  }

  private static List<String> tags(Random random) {
    int count = random.nextInt(10) < 2 ? 0 : 1 + random.nextInt(3);
    List<String> tags = new ArrayList<>();
    while (tags.size() < count) {
      String tag = TAGS.get(random.nextInt(TAGS.size()));
      if (!tags.contains(tag)) {
        tags.add(tag);
      }
    }
    return tags;
  }

  private static String group(Random random) {
    return random.nextInt(10) < 3 ? null : List.of("exp-a", "exp-b", "ablation").get(random.nextInt(3));
  }

  private static String jobType(Random random) {
    int roll = random.nextInt(10);
    return roll < 7 ? "train" : roll < 8 ? "eval" : null;
  }

  private static Map<String, Object> histogram(Random random) {
    List<Object> values = new ArrayList<>();
    List<Object> bins = new ArrayList<>();
    double start = -0.05 - 0.05 * random.nextDouble();
    double width = -start / 4;
    for (int i = 0; i < 8; i++) {
      values.add((long) random.nextInt(500));
      bins.add(start + i * width);
    }
    bins.add(start + 8 * width);
    return ordered("_type", "histogram", "values", values, "bins", bins);
  }

  private static Map<String, Object> systemMetrics(Random random) {
    return ordered(
        "system.cpu", Math.round(1000 * random.nextDouble()) / 10.0,
        "system.memory", Math.round(1000 * random.nextDouble()) / 10.0,
        "system.gpu.0.gpu", Math.round(1000 * random.nextDouble()) / 10.0,
        "system.gpu.0.memoryAllocated", Math.round(1000 * random.nextDouble()) / 10.0);
  }

  private static Map<String, Object> descWrapped(Object value) {
    Map<String, Object> wrapper = new LinkedHashMap<>();
    wrapper.put("desc", null);
    wrapper.put("value", value);
    return wrapper;
  }

  private static String uniqueName(Random random, Set<String> used) {
    while (true) {
      StringBuilder name = new StringBuilder(8);
      for (int i = 0; i < 8; i++) {
        name.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
      }
      if (used.add(name.toString())) {
        return name.toString();
      }
    }
  }

  private static String commit(int index) {
    // Stable, hex-looking, distinct per index.
    long bits = 0x9E3779B97F4A7C15L * (index + 1);
    return String.format("%016x%016x%08x", bits, Long.rotateLeft(bits, 17), index * 2654435761L & 0xffffffffL);
  }

  private static int weighted(Random random, int... weights) {
    int total = 0;
    for (int w : weights) {
      total += w;
    }
    int roll = random.nextInt(total);
    for (int i = 0; i < weights.length; i++) {
      roll -= weights[i];
      if (roll < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }

  private static Map<String, Object> ordered(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }
}
