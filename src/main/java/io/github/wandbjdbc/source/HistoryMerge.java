package io.github.wandbjdbc.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.wandbjdbc.client.WandbApiException;
import io.github.wandbjdbc.model.WandbJson;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Joins the results of one {@code sampledHistory} request by step. The first result lists every
 * step (its spec asks for {@code _step} alone); each other one holds some key at the steps where
 * it was logged. A step in those but not in the first is kept too, so nothing is lost whatever
 * the server answered. The first result's rows are the merged rows (they are this request's own
 * parsed objects): one hash lookup per value, no copying, and a sort only if the server's steps
 * were not in order.
 */
public final class HistoryMerge {
  private static final Comparator<ObjectNode> BY_STEP =
      Comparator.comparing(HistoryMerge::step, Comparator.nullsLast(Comparator.naturalOrder()));

  private HistoryMerge() {}

  /** {@code _step} of a logged row (docs/WIRE.md, W&B's JSON): {@link WandbJson#step}. */
  public static Long step(JsonNode row) {
    return WandbJson.step(row.get(HistoryScan.STEP_KEY));
  }

  /**
   * Two rows of one step in one answer (or one sampledHistory result): W&B logs one row per step,
   * and the two can neither be told apart nor joined by step. Merged, they made one row mixing
   * the values of two steps; unmerged, two rows of one step (found by the bad-input corpus,
   * RunSampledHistory and RunHistory answers with one row's {@code _step} set to another's).
   */
  private static WandbApiException duplicateStep(String runId, long step) {
    return new WandbApiException(WandbApiException.Kind.MALFORMED_RESPONSE, "W&B sent two"
        + " history rows for step " + step + (runId == null ? "" : " of run '" + runId + "'")
        + " in one answer; W&B logs one row per step, so the driver cannot tell which is right."
        + " Please report this with your W&B server version.");
  }

  /** {@code logged}, when no step is in it twice; else the {@link #duplicateStep} error. */
  public static List<ObjectNode> distinctSteps(String runId, List<ObjectNode> logged) {
    Set<Long> steps = new HashSet<>();
    for (ObjectNode row : logged) {
      Long step = step(row);
      if (step != null && !steps.add(step)) {
        throw duplicateStep(runId, step);
      }
    }
    return logged;
  }

  /** One row per step, ascending, holding every key any result had at that step. */
  static List<ObjectNode> byStep(List<List<ObjectNode>> results) {
    Map<Long, ObjectNode> rows = new HashMap<>();
    List<ObjectNode> merged = new ArrayList<>();
    List<ObjectNode> stepless = new ArrayList<>();
    long lastStep = Long.MIN_VALUE;
    boolean ascending = true;
    for (List<ObjectNode> result : results) {
      Set<Long> inResult = new HashSet<>();
      for (ObjectNode logged : result) {
        Long step = step(logged);
        if (step == null) {
          // Cannot be joined to a step; kept as it came (the reader gives it a NULL step).
          stepless.add(logged);
          continue;
        }
        if (!inResult.add(step)) {
          throw duplicateStep(null, step);
        }
        ObjectNode row = rows.get(step);
        if (row == null) {
          rows.put(step, logged);
          merged.add(logged);
          ascending &= step > lastStep;
          lastStep = step;
        } else if (row != logged) {
          row.setAll(logged);
        }
      }
    }
    if (!ascending) {
      merged.sort(BY_STEP);
    }
    merged.addAll(stepless);
    return merged;
  }
}
