package io.github.wandbjdbc.source.exports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.wandbjdbc.model.ParquetHistory;
import io.github.wandbjdbc.model.RunNode;
import io.github.wandbjdbc.source.HistoryScan;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Where a run's exported steps end and its live ones begin, for a scan's step window. */
class ExportPlanTest {
  private static HistoryScan steps(long min, long max) {
    return new HistoryScan("e", "p", Optional.of(List.of("loss")), min, max);
  }

  /** A run with steps 0..lastStep, exported files (or none), live rows from {@code live} on. */
  static RunNode run(long lastStep, boolean files, long... liveSteps) {
    ObjectNode keys = JsonNodeFactory.instance.objectNode().put("lastStep", lastStep);
    List<ObjectNode> live = new ArrayList<>();
    for (long step : liveSteps) {
      live.add(JsonNodeFactory.instance.objectNode().put("_step", (double) step));
    }
    return new RunNode("r1", null, null, null, null, null, null, null, null, null, null, null,
        null, null, null, null, keys, null, null,
        new ParquetHistory(files ? List.of("https://storage/r1-0") : List.of(), live));
  }

  @Test
  void exportedBelowTheLiveBoundaryLiveFromIt() {
    ExportPlan plan = ExportPlan.of(steps(0, Long.MAX_VALUE), run(99, true, 93, 90, 99));
    assertEquals(new ExportPlan(0, 90, 90, 100, true, true), plan);
    assertTrue(plan.readsFiles());
    assertTrue(plan.readsLive());
  }

  @Test
  void aWindowAboveTheBoundaryReadsOnlyLiveRows() {
    ExportPlan plan = ExportPlan.of(steps(95, 200), run(99, true, 90));
    assertFalse(plan.readsFiles());
    assertEquals(95, plan.liveFrom());
    assertEquals(100, plan.to());
  }

  @Test
  void aWindowBelowTheBoundaryReadsOnlyFiles() {
    ExportPlan plan = ExportPlan.of(steps(10, 20), run(99, true, 90));
    assertEquals(new ExportPlan(10, 20, 20, 20, true, true), plan);
    assertFalse(plan.readsLive());
  }

  @Test
  void everyStepExportedWithoutLiveRows() {
    ExportPlan plan = ExportPlan.of(steps(0, Long.MAX_VALUE), run(49, true));
    assertEquals(new ExportPlan(0, 50, 50, 50, true, false), plan);
  }

  @Test
  void aRunWithoutFilesIsAllLive() {
    ExportPlan plan = ExportPlan.of(steps(0, Long.MAX_VALUE), run(49, false, 0, 1, 2));
    assertFalse(plan.readsFiles());
    assertEquals(0, plan.liveFrom());
    assertTrue(plan.readsLive());
  }

  @Test
  void neitherFilesNorLiveRows() {
    ExportPlan plan = ExportPlan.of(steps(0, Long.MAX_VALUE), run(49, false));
    assertFalse(plan.exported());
    assertFalse(plan.live());
  }
}
