package io.github.wandbjdbc.testserver.generate;

import io.github.wandbjdbc.testserver.data.EventsData;
import io.github.wandbjdbc.testserver.data.HistoryData;
import io.github.wandbjdbc.testserver.data.RunData;
import io.github.wandbjdbc.testserver.data.RunFile;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Gives generated runs their history, system metrics and files. It draws from its own
 * {@link Random}, so adding it left every run attribute, config and summary exactly as before.
 *
 * <p>Resnet runs with a summary log 20–300 rows whose last step is the summary's {@code _step}
 * (steps every {@code stride} apart when the run had more steps than rows); runs without a summary
 * (pending, some crashed) have no history. Exceptions, by name: {@link SampleDataGenerator#LONG_HISTORY_RUN}
 * logs every step 0–99,999 (its summary, generated before, still says {@code _step} 999 or less),
 * and {@link SampleDataGenerator#STEP_GAP_RUN} logs every step but jumps from 99 to 500. Bert runs
 * log one row per 50 optimiser steps. Pending runs have no system metrics and no files.
 */
final class SampleRunStreams {

  /** Steps of {@link SampleDataGenerator#LONG_HISTORY_RUN}. */
  static final long LONG_HISTORY_STEPS = 100_000;

  private final Random random;

  SampleRunStreams(Random random) {
    this.random = random;
  }

  RunData resnet(RunData run) {
    long seed = random.nextLong();
    int rowsWanted = 20 + random.nextInt(281);
    boolean images = random.nextInt(4) == 0;
    boolean tables = random.nextInt(3) == 0;
    Map<String, Object> summary = run.summary();
    HistoryData history = HistoryData.empty();
    ResnetHistory rows = null;
    if (summary.get("_step") instanceof Long summaryStep && summaryStep >= 0) {
      long lastStep = run.name().equals(SampleDataGenerator.LONG_HISTORY_RUN) ? LONG_HISTORY_STEPS - 1 : summaryStep;
      long stride = Math.max(1, (lastStep + rowsWanted) / rowsWanted);
      StepSchedule schedule = StepSchedule.every(stride, lastStep);
      if (run.name().equals(SampleDataGenerator.LONG_HISTORY_RUN)) {
        schedule = StepSchedule.every(1, lastStep);
      } else if (run.name().equals(SampleDataGenerator.STEP_GAP_RUN)) {
        schedule = StepSchedule.every(1, lastStep).withGap(99, 500);
      }
      int epochs = (int) Math.max(1, (summaryStep + 1) / 10);
      rows = new ResnetHistory(seed, lastStep, epochs, ((Number) run.config().values().get("lr")).doubleValue(),
          (Double) summary.get("loss"), (Double) summary.get("acc"), (Double) summary.get("val/loss"),
          (Double) summary.get("val/acc"), 5 * schedule.stride(), map(summary.get(SampleDataGenerator.HISTOGRAM_KEY)),
          images, ((Number) summary.get("_runtime")).doubleValue(), run.createdAt().getEpochSecond());
      history = new GeneratedHistory(schedule, rows);
    }
    boolean pending = "pending".equals(run.state());
    List<RunFile> files = new ArrayList<>();
    if (!pending) {
      files.addAll(standardFiles(run));
      if (rows != null) {
        for (long step : rows.imageSteps()) {
          files.add(new RunFile(rows.imagePath(step), rows.imageSize(step), md5(run, rows.imagePath(step)),
              "image/png", run.updatedAt()));
        }
      }
      if (tables) {
        files.add(file(run, "media/table/predictions.table.json", "application/json", 5_000, 500_000));
        files.add(file(run, "media/table 1%_x.table.json", "application/json", 1_000, 9_000));
        files.add(file(run, "media/table 123x.table.json", "application/json", 1_000, 9_000));
      }
    }
    return run.toBuilder()
        .history(history)
        .events(events(run, pending))
        .files(files)
        .build();
  }

  RunData bert(RunData run) {
    long seed = random.nextLong();
    Map<String, Object> summary = run.summary();
    int epochs = ((Number) run.config().values().get("num_train_epochs")).intValue();
    double learningRate = ((Number) run.config().values().get("learning_rate")).doubleValue();
    long lastStep = (Long) summary.get("_step");
    BertHistory rows = new BertHistory(seed, lastStep, epochs, learningRate, (Double) summary.get("train/loss"),
        (Double) summary.get("eval/accuracy"), (Double) summary.get("eval/f1"), (Double) summary.get("eval/runtime"),
        ((Number) summary.get("_runtime")).doubleValue(), run.createdAt().getEpochSecond());
    List<RunFile> files = new ArrayList<>(standardFiles(run));
    files.add(file(run, "media/table 1%_x.table.json", "application/json", 1_000, 9_000));
    return run.toBuilder()
        .history(new GeneratedHistory(StepSchedule.every(1, lastStep), rows))
        .events(events(run, false))
        .files(files)
        .build();
  }

  /** One row per 30 s of runtime, as many as before this class existed. */
  private static EventsData events(RunData run, boolean pending) {
    // computeSeconds is the runtime cut to whole seconds, which leaves runtime / 30 cut the same.
    long count = pending ? 0 : run.computeSeconds() / 30 + 1;
    return new GeneratedEvents(count, run.systemMetrics(), run.createdAt().getEpochSecond());
  }

  private List<RunFile> standardFiles(RunData run) {
    return List.of(
        file(run, "config.yaml", "application/x-yaml", 600, 2_000),
        file(run, "wandb-summary.json", "application/json", 300, 5_000),
        file(run, "wandb-metadata.json", "application/json", 1_500, 3_000),
        file(run, "output.log", "text/plain", 1_000, 2_000_000),
        file(run, "requirements.txt", "text/plain", 200, 3_000));
  }

  private RunFile file(RunData run, String name, String mimetype, int minSize, int maxSize) {
    long size = minSize + random.nextInt(maxSize - minSize);
    return new RunFile(name, size, md5(run, name), mimetype, run.updatedAt());
  }

  /** A real MD5 (base64, as W&B serves it) of a text standing for the content. */
  static String md5(RunData run, String name) {
    try {
      byte[] digest = MessageDigest.getInstance("MD5")
          .digest((run.path() + "/" + name).getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is required on every JVM", e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return value instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
  }
}
