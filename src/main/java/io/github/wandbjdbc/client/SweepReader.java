package io.github.wandbjdbc.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.github.wandbjdbc.model.SweepNode;
import io.github.wandbjdbc.model.WandbJson;

import java.io.IOException;

/** Reads a {@code Sweep}; W&B keeps its config as YAML, the table shows it as JSON. */
final class SweepReader {
  private static final ObjectMapper YAML = new YAMLMapper();

  private SweepReader() {}

  static SweepNode read(JsonNode node) {
    String name = ArtifactReader.text(node, "name");
    if (name == null) {
      throw new IllegalArgumentException("a sweep without a name (its id)");
    }
    JsonNode bestLoss = node.get("bestLoss");
    return new SweepNode(name, ArtifactReader.text(node, "displayName"),
        ArtifactReader.text(node, "method"), ArtifactReader.text(node, "state"),
        ArtifactReader.text(node, "description"),
        bestLoss == null || !bestLoss.isNumber() ? null : bestLoss.asDouble(),
        yamlAsJson(ArtifactReader.text(node, "config")),
        ArtifactReader.date(node, "createdAt"), ArtifactReader.date(node, "updatedAt"),
        ArtifactReader.longOrNull(node, "runCount"),
        ArtifactReader.longOrNull(node, "runCountExpected"));
  }

  static String yamlAsJson(String yaml) {
    if (yaml == null || yaml.isBlank()) {
      return null;
    }
    try {
      JsonNode tree = YAML.readTree(yaml);
      return tree == null || tree.isNull() ? null : WandbJson.toJsonText(tree);
    } catch (IOException e) {
      throw new IllegalArgumentException("a sweep config that is not YAML (" + e.getMessage() + ")",
          e);
    }
  }
}
