package io.github.wandbjdbc.testserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes request bodies to a folder, one file per request, named
 * {@code <server-instance-id>-<seq>-<operationName>.json} and holding exactly
 * {@code {"query": …, "variables": …, "operationName": …}} — the form {@code check-graphql} reads.
 * The instance id makes names unique when several servers of one JVM record into one folder.
 */
public final class RequestRecorder {

  private final Path folder;
  private final String instanceId;
  private final ObjectMapper mapper;

  public RequestRecorder(Path folder, String instanceId, ObjectMapper mapper) {
    this.folder = folder;
    this.instanceId = instanceId;
    this.mapper = mapper;
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the request recording folder " + folder, e);
    }
  }

  Path write(long seq, String fileOperationName, String query, JsonNode variables, String operationName) {
    ObjectNode body = mapper.createObjectNode();
    body.put("query", query);
    body.set("variables", variables == null ? NullNode.getInstance() : variables);
    body.put("operationName", operationName);
    String name = String.format("%s-%05d-%s.json", instanceId, seq, safe(fileOperationName));
    Path file = folder.resolve(name);
    try {
      Files.write(file, mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(body),
          StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot record request " + seq + " to " + file, e);
    }
  }

  private static String safe(String operationName) {
    if (operationName == null || operationName.isEmpty()) {
      return "anonymous";
    }
    return operationName.replaceAll("[^A-Za-z0-9_-]", "_");
  }
}
