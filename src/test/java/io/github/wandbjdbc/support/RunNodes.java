package io.github.wandbjdbc.support;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.wandbjdbc.model.RunNode;
import io.github.wandbjdbc.model.WandbJson;

/** Runs as the client parses them, for unit tests that need no server. */
public final class RunNodes {
  private RunNodes() {}

  /** A run with only a name, a config and a summary (JSON text, either may be null). */
  public static RunNode run(String name, String config, String summary) {
    return new RunNode(name, null, null, null, null, null, null, null, null, null, null, null, null,
        null, config == null ? null : WandbJson.unwrapConfig(WandbJson.parseJsonString(config)),
        summary == null ? null : (ObjectNode) WandbJson.parseJsonString(summary));
  }
}
