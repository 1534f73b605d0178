package io.github.wandbjdbc.client;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.wandbjdbc.model.KeySelection;
import io.github.wandbjdbc.model.RunField;
import io.github.wandbjdbc.model.RunSelection;
import io.github.wandbjdbc.model.WandbJson;

/**
 * The variables of the GraphQL operations of {@link WandbClient}, with the {@code @include}
 * flags and key lists that select a run's fields. Apart so that the client's methods state only
 * the values they send.
 */
final class QueryVariables {
  private QueryVariables() {}

  static ObjectNode variables() {
    return WandbJson.envelopeMapper().createObjectNode();
  }

  /** The flags and key lists of the run fields {@code selection} asks for. */
  static void putSelection(ObjectNode vars, RunSelection selection) {
    for (RunField f : RunField.values()) {
      vars.put(f.includeVariable(), selection.has(f));
    }
    if (selection.hasParquetHistory()) {
      ArrayNode live = vars.putArray("liveKeys");
      selection.liveKeys().forEach(live::add);
    }
    putKeys(vars, selection.config(), "withConfig", "withConfigSubset", "configKeys");
    putKeys(vars, selection.summary(), "withSummaryMetrics", "withSummarySubset", "summaryKeys");
  }

  private static void putKeys(ObjectNode vars, KeySelection keys, String all, String subset,
      String keysVariable) {
    vars.put(all, keys.mode() == KeySelection.Mode.ALL);
    vars.put(subset, keys.mode() == KeySelection.Mode.SUBSET);
    ArrayNode list = vars.putArray(keysVariable);
    keys.keys().forEach(list::add);
  }
}
