package io.github.wandbjdbc.client;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.wandbjdbc.model.ArtifactNode;
import io.github.wandbjdbc.model.ArtifactUsage;
import io.github.wandbjdbc.model.ArtifactUse;
import io.github.wandbjdbc.model.Page;
import io.github.wandbjdbc.model.RunRef;
import io.github.wandbjdbc.model.FileNode;
import io.github.wandbjdbc.model.WandbJson;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reads files and artifact versions as selected by the RunFiles and ArtifactFields documents. */
final class ArtifactReader {
  private ArtifactReader() {}

  static FileNode file(JsonNode node) {
    String name = text(node, "name");
    if (name == null) {
      throw new IllegalArgumentException("a file without a name");
    }
    return new FileNode(name, longOrNull(node, "sizeBytes"), text(node, "mimetype"),
        text(node, "md5"), date(node, "updatedAt"), text(node, "directUrl"));
  }

  /** A {@code VersionedArtifactEdge}: the node, and the edge's {@code vN}. */
  static ArtifactNode version(JsonNode edge) {
    return artifact(edge.get("node"), text(edge, "version"));
  }

  /** An input or output artifact edge; only input edges carry {@code usedAs}. */
  static ArtifactUse use(JsonNode edge) {
    return new ArtifactUse(artifact(edge.get("node"), null), strings(edge.get("usedAs"), null));
  }

  /** An artifact with its creator and one page of {@code usedBy}. */
  static ArtifactUsage usage(JsonNode node) {
    JsonNode createdBy = node.path("createdBy");
    RunRef creator = "Run".equals(createdBy.path("__typename").asText(null))
        ? runRef(createdBy) : null;
    JsonNode usedBy = node.get("usedBy");
    if (usedBy == null || !usedBy.path("edges").isArray()) {
      throw new IllegalArgumentException("usedBy has no edges");
    }
    List<RunRef> runs = new ArrayList<>();
    for (JsonNode edge : usedBy.get("edges")) {
      if (edge.hasNonNull("node")) {
        runs.add(runRef(edge.get("node")));
      }
    }
    JsonNode pageInfo = usedBy.path("pageInfo");
    boolean hasNext = pageInfo.path("hasNextPage").asBoolean(false);
    String end = text(pageInfo, "endCursor");
    if (hasNext && end == null) {
      throw new IllegalArgumentException("usedBy has a next page but no end cursor");
    }
    return new ArtifactUsage(artifact(node, null), creator, new Page<>(runs, end, hasNext));
  }

  private static RunRef runRef(JsonNode run) {
    String name = text(run, "name");
    if (name == null) {
      throw new IllegalArgumentException("a run without a name");
    }
    JsonNode project = run.path("project");
    return new RunRef(text(project, "entityName"), text(project, "name"), name);
  }

  private static ArtifactNode artifact(JsonNode node, String edgeVersion) {
    String id = text(node, "id");
    if (id == null) {
      throw new IllegalArgumentException("an artifact without an id");
    }
    JsonNode index = node.get("versionIndex");
    Integer versionIndex = index == null || !index.canConvertToInt() ? null : index.asInt();
    String version = edgeVersion != null ? edgeVersion
        : versionIndex == null ? null : "v" + versionIndex;
    JsonNode createdBy = node.path("createdBy");
    String loggedBy = "Run".equals(createdBy.path("__typename").asText(null))
        ? text(createdBy, "name") : null;
    return new ArtifactNode(id, text(node.path("artifactType"), "name"),
        text(node.path("artifactSequence"), "name"), version, versionIndex,
        strings(node.get("aliases"), "alias"), strings(node.get("tags"), "name"),
        text(node, "digest"), longOrNull(node, "size"), longOrNull(node, "fileCount"),
        text(node, "state"), date(node, "createdAt"), date(node, "updatedAt"),
        text(node, "description"), metadata(node), loggedBy);
  }

  /** Metadata is a JSONString holding an object; kept as compact JSON text. */
  private static String metadata(JsonNode node) {
    String text = text(node, "metadata");
    if (text == null) {
      return null;
    }
    JsonNode parsed = WandbJson.parseJsonString(text);
    return parsed == null || parsed.isNull() ? null : WandbJson.toJsonText(parsed);
  }

  /** A list of strings, or of objects whose {@code field} is the string. */
  private static List<String> strings(JsonNode list, String field) {
    List<String> out = new ArrayList<>();
    if (list != null && list.isArray()) {
      for (JsonNode item : list) {
        String s = field == null ? (item.isNull() ? null : item.asText()) : text(item, field);
        if (s != null) {
          out.add(s);
        }
      }
    }
    return out;
  }

  static String text(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  static Long longOrNull(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || !v.canConvertToLong() ? null : v.asLong();
  }

  static Instant date(JsonNode node, String field) {
    return WandbJson.parseDateTime(text(node, field));
  }
}
