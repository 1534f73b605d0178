package io.github.wandbjdbc.testserver.generate;

import io.github.wandbjdbc.testserver.data.ArtifactData;
import io.github.wandbjdbc.testserver.data.ArtifactTypeData;
import io.github.wandbjdbc.testserver.data.EntityData;
import io.github.wandbjdbc.testserver.data.ProjectData;
import io.github.wandbjdbc.testserver.data.RunData;
import io.github.wandbjdbc.testserver.data.ServerData;
import io.github.wandbjdbc.testserver.data.SweepData;

import static io.github.wandbjdbc.testserver.generate.SampleDataGenerator.ENTITY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The sample data is deterministic and has every shape the driver must cope with. */
class SampleDataGeneratorTest {

  private static final ServerData DATA = new SampleDataGenerator().generate();
  private static final List<RunData> RESNET = DATA.project(ENTITY, SampleDataGenerator.RESNET_PROJECT).runs();

  @Test
  void twoGenerationsAreEqual() {
    assertEquals(DATA, new SampleDataGenerator().generate());
  }

  @Test
  void entityAndProjects() {
    assertEquals(List.of(ENTITY), DATA.entities().stream().map(EntityData::name).toList());
    assertEquals(ENTITY, DATA.viewerEntity());
    assertTrue(DATA.entity(ENTITY).orElseThrow().isTeam());
    assertEquals(SampleDataGenerator.RESNET_RUNS, RESNET.size());
    assertEquals(2000, RESNET.size());
    int bert = DATA.project(ENTITY, SampleDataGenerator.BERT_PROJECT).runs().size();
    assertTrue(bert >= 10 && bert <= 30, "bert-finetune has " + bert + " runs");
  }

  @Test
  void sweepsMatchTheDocumentedSplit() {
    Map<String, Long> bySweep = RESNET.stream()
        .collect(Collectors.groupingBy(r -> Objects.toString(r.sweepName(), "none"), Collectors.counting()));
    assertEquals(Map.of(SampleDataGenerator.MAIN_SWEEP, 1650L, SampleDataGenerator.SECOND_SWEEP, 250L, "none", 100L), bySweep);
    assertEquals(2, DATA.project(ENTITY, SampleDataGenerator.RESNET_PROJECT).totalSweeps());
  }

  @Test
  void runNamesAreUniqueAndSeqIsCreationOrder() {
    Set<String> names = new HashSet<>();
    DATA.runs().forEach(r -> assertTrue(names.add(r.name()), "duplicate " + r.name()));
    for (int i = 0; i < RESNET.size(); i++) {
      assertEquals(i + 1, RESNET.get(i).seq());
      if (i > 0) {
        assertFalse(RESNET.get(i).createdAt().isBefore(RESNET.get(i - 1).createdAt()));
      }
    }
  }

  @Test
  void everyRunStateOccurs() {
    Set<String> states = RESNET.stream().map(RunData::state).collect(Collectors.toSet());
    assertEquals(Set.of("finished", "crashed", "failed", "killed", "running", "preempted", "pending"), states);
    RESNET.forEach(r -> assertEquals("pending".equals(r.state()), r.heartbeatAt() == null, r.name()));
    RESNET.stream().filter(r -> "killed".equals(r.state())).forEach(r -> assertTrue(r.stopped()));
  }

  @Test
  void createdAtSpansAboutTwoYearsWithTiesAndFractions() {
    Duration span = Duration.between(RESNET.get(0).createdAt(), RESNET.get(RESNET.size() - 1).createdAt());
    assertTrue(span.toDays() > 600 && span.toDays() < 800, "span " + span.toDays() + " days");
    long distinct = RESNET.stream().map(RunData::createdAt).distinct().count();
    assertTrue(distinct < RESNET.size() && distinct > RESNET.size() - 10, "a few exact ties: " + distinct);
    assertTrue(count(r -> r.createdAt().getNano() != 0) > 100);
    assertTrue(count(r -> r.createdAt().getNano() == 0) > 100);
    assertTrue(RESNET.stream().allMatch(r -> r.createdAt().getNano() % 1000 == 0), "microsecond precision");
  }

  @Test
  void configValuesAreWrappedBothWaysWithRealisticKeys() {
    assertTrue(count(r -> isWrapped(r, Set.of("value"))) > 1000);
    assertTrue(count(r -> isWrapped(r, Set.of("desc", "value"))) > 100);
    assertEquals(RESNET.size(), count(r -> isWrapped(r, Set.of("value")) || isWrapped(r, Set.of("desc", "value"))));
    for (RunData run : RESNET) {
      Map<String, Object> values = run.config().values();
      assertTrue(values.get("lr") instanceof Double lr && lr >= 1e-5 && lr <= 1e-1, run.name());
      assertTrue(List.of(32L, 64L, 128L, 256L).contains(values.get("batch_size")), run.name());
      assertTrue(List.of("adam", "sgd", "adamw").contains(values.get("optimizer")), run.name());
      assertTrue(values.get("epochs") instanceof Long);
      assertTrue(values.get("augment") instanceof Boolean);
      assertTrue(values.get("model") instanceof Map<?, ?> model && model.keySet().equals(Set.of("arch", "depth", "dropout")));
      assertTrue(values.get("_wandb") instanceof Map<?, ?> wandb && wandb.get("cli_version") instanceof String);
    }
    assertTrue(count(r -> !r.config().values().containsKey("weight_decay")) > 100, "weight_decay missing on some runs");
    assertTrue(count(r -> (Long) r.config().values().get("seed") > Integer.MAX_VALUE) > 50, "seeds above 2^31");
    Set<String> keys = DATA.project(ENTITY, SampleDataGenerator.BERT_PROJECT).runs().get(0).config().values().keySet();
    assertTrue(keys.contains("model_name") && !keys.contains("batch_size"), "bert has different config keys: " + keys);
  }

  @Test
  void summariesHoldNonFiniteValuesMediaAndGaps() {
    assertTrue(count(r -> r.summary().get("loss") instanceof Double d && d.isNaN()) > 10);
    assertTrue(count(r -> Double.valueOf(Double.POSITIVE_INFINITY).equals(r.summary().get("val/loss"))) > 0);
    assertTrue(count(r -> Double.valueOf(Double.NEGATIVE_INFINITY).equals(r.summary().get("val/loss"))) > 0);
    assertTrue(count(r -> r.summary().get(SampleDataGenerator.HISTOGRAM_KEY) instanceof Map<?, ?> h
        && "histogram".equals(h.get("_type")) && ((List<?>) h.get("bins")).size() == ((List<?>) h.get("values")).size() + 1) > 100);
    assertTrue(count(r -> r.summary().isEmpty()) > 10);
    assertTrue(count(r -> !r.summary().isEmpty() && !r.summary().containsKey("val/loss")) > 50);
    RESNET.stream().filter(r -> !r.summary().isEmpty()).forEach(r -> {
      assertTrue(r.summary().get("best_epoch") instanceof Long);
      assertEquals(Map.of("runtime", r.computeSeconds()), r.summary().get("_wandb"));
      // The history ends where the summary says, except on the run made long afterwards.
      long lastStep = r.name().equals(SampleDataGenerator.LONG_HISTORY_RUN) ? 99_999 : (Long) r.summary().get("_step");
      assertEquals(lastStep, r.history().lastStep());
      assertEquals(lastStep, ((Number) r.historyKeys().get("lastStep")).longValue());
      assertEquals(r.history().rowCount(), r.historyLineCount());
    });
  }

  @Test
  void historiesEventsAndFilesHaveTheDocumentedShapes() {
    RunData longRun = DATA.project(ENTITY, SampleDataGenerator.RESNET_PROJECT).run(SampleDataGenerator.LONG_HISTORY_RUN).orElseThrow();
    assertEquals("finished", longRun.state());
    assertEquals(SampleDataGenerator.MAIN_SWEEP, longRun.sweepName());
    assertEquals(100_000, longRun.historyLineCount());
    RunData gap = DATA.project(ENTITY, SampleDataGenerator.RESNET_PROJECT).run(SampleDataGenerator.STEP_GAP_RUN).orElseThrow();
    assertEquals(0, gap.history().steps(100, 500).length);
    assertEquals(List.of(99L, 500L), java.util.Arrays.stream(gap.history().steps(99, 501)).boxed().toList());
    assertTrue(count(r -> r.history().rowCount() == 0 && r.historyKeys().get("lastStep").equals(-1L)) > 10, "runs without history");
    assertTrue(RESNET.stream().filter(r -> !r.name().equals(SampleDataGenerator.LONG_HISTORY_RUN)
            && !r.name().equals(SampleDataGenerator.STEP_GAP_RUN))
        .allMatch(r -> r.historyLineCount() <= 301), "modest histories");
    assertTrue(count(r -> r.historyLineCount() >= 20 && r.history().rowCount() < r.history().lastStep() + 1) > 100,
        "steps every few steps on longer runs");
    RunData diverged = RESNET.stream().filter(r -> r.summary().get("loss") instanceof Double d && d.isNaN()).findFirst().orElseThrow();
    List<Map<String, Object>> rows = diverged.history().rows();
    assertTrue(rows.get(rows.size() - 1).get("loss") instanceof Double d && d.isNaN());
    assertTrue(rows.get(0).get("loss") instanceof Double d && Double.isFinite(d), "diverged later");
    assertTrue(count(r -> r.eventsLineCount() == 0) > 0 && count(r -> r.eventsLineCount() > 0) > 1900);
    assertTrue(RESNET.stream().filter(r -> "pending".equals(r.state())).allMatch(r -> r.files().isEmpty()));
    assertTrue(count(r -> r.files().stream().anyMatch(f -> f.name().startsWith("media/images/") && f.name().endsWith(".png"))) > 100);
    assertTrue(count(r -> r.files().stream().anyMatch(f -> f.name().equals("media/table 1%_x.table.json"))) > 100);
  }

  @Test
  void sweepsAndArtifactsHaveTheDocumentedShapes() {
    ProjectData resnet = DATA.project(ENTITY, SampleDataGenerator.RESNET_PROJECT);
    assertEquals(List.of(SampleDataGenerator.SECOND_SWEEP, SampleDataGenerator.MAIN_SWEEP),
        resnet.sweeps().stream().map(SweepData::name).toList());
    assertEquals(SampleDataGenerator.SECOND_SWEEP_RUNS, resnet.sweep(SampleDataGenerator.SECOND_SWEEP).orElseThrow().runCount());
    assertEquals(0, DATA.project(ENTITY, SampleDataGenerator.BERT_PROJECT).sweep(SampleDataGenerator.EMPTY_SWEEP).orElseThrow().runCount());
    assertEquals(List.of("dataset", "model", "code"), resnet.artifactTypes().stream().map(ArtifactTypeData::name).toList());
    List<ArtifactData> cifar = resnet.versions(SampleDataGenerator.CIFAR10);
    assertEquals(List.of("v3", "latest", "production"), cifar.get(3).aliases());
    assertTrue(cifar.get(3).usedBy().size() > 200, "used by a few hundred runs");
    assertTrue(cifar.get(1).usedBy().size() > 20);
    assertTrue(cifar.get(3).metadata().containsKey("mean_pixel") && cifar.get(3).metadata().get("mean_pixel") == null);
    Set<String> states = resnet.artifacts().stream().map(ArtifactData::state).collect(Collectors.toSet());
    assertEquals(Set.of("COMMITTED", "PENDING", "DELETED"), states);
    assertTrue(resnet.versions(SampleDataGenerator.CHECKPOINTS).stream().map(ArtifactData::createdByRun).distinct().count() > 10,
        "checkpoints logged by several runs");
    assertTrue(resnet.artifacts().stream().anyMatch(a -> a.createdByUser() != null));
    assertTrue(resnet.artifacts().stream().anyMatch(a -> !a.tags().isEmpty()));
    Set<Long> ids = new HashSet<>();
    DATA.entities().forEach(e -> e.projects().forEach(p -> p.artifacts().forEach(a -> assertTrue(ids.add(a.numericId())))));
    assertFalse(DATA.project(ENTITY, SampleDataGenerator.BERT_PROJECT).artifacts().isEmpty());
    for (ArtifactData a : resnet.artifacts()) {
      if (a.createdByRun() != null) {
        assertTrue(resnet.run(a.createdByRun()).orElseThrow().createdAt().isBefore(a.createdAt()), a.qualifiedName());
        Long step = a.historyStep();
        assertTrue(step == null || step <= resnet.run(a.createdByRun()).orElseThrow().history().lastStep());
      }
    }
  }

  @Test
  void attributesHaveNullsAndAwkwardText() {
    Set<String> tags = RESNET.stream().flatMap(r -> r.tags().stream()).collect(Collectors.toSet());
    assertTrue(tags.contains("needs review"), "tag with a space");
    assertTrue(tags.stream().anyMatch(t -> !t.chars().allMatch(c -> c < 128)), "tag with non-ASCII letters");
    assertTrue(count(r -> r.tags().isEmpty()) > 100);
    assertTrue(count(r -> r.group() == null) > 100);
    assertTrue(count(r -> r.jobType() == null) > 100);
    assertTrue(count(r -> r.commit() == null) > 10);
    assertTrue(count(r -> r.notes() != null && r.notes().contains("\"")) > 10);
    assertTrue(count(r -> r.notes() != null && r.notes().contains("\n")) > 10);
    assertTrue(RESNET.stream().map(r -> r.user().username()).distinct().count() >= 3);
    assertTrue(RESNET.stream().map(RunData::host).distinct().count() >= 3);
    assertTrue(count(r -> r.user().email() == null) > 0);
  }

  @Test
  void runIdsAreBase64OfTheStorageKey() {
    RunData run = RESNET.get(0);
    String decoded = new String(java.util.Base64.getDecoder().decode(run.id()), java.nio.charset.StandardCharsets.UTF_8);
    assertEquals("Run:v1:" + run.name() + ":" + SampleDataGenerator.RESNET_PROJECT + ":" + ENTITY, decoded);
  }

  @Test
  void pendingRunsHaveNoRuntime() {
    RunData pending = RESNET.stream().filter(r -> "pending".equals(r.state())).findFirst().orElseThrow();
    assertNull(pending.heartbeatAt());
    assertEquals(0, pending.computeSeconds());
    assertTrue(pending.summary().isEmpty());
    assertNotNull(pending.updatedAt());
    assertTrue(pending.createdAt().isAfter(Instant.parse("2025-01-01T00:00:00Z")), "pending runs are the newest");
  }

  private static boolean isWrapped(RunData run, Set<String> wrapperKeys) {
    return run.config().wrapped().values().stream()
        .allMatch(v -> v instanceof Map<?, ?> m && m.keySet().equals(wrapperKeys));
  }

  private static long count(Predicate<RunData> predicate) {
    return RESNET.stream().filter(predicate).count();
  }
}
