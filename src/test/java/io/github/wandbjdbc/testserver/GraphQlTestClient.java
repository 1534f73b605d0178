package io.github.wandbjdbc.testserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** A minimal W&B GraphQL client for the end-to-end tests (java.net.http, HTTP Basic {@code api:<key>}). */
public final class GraphQlTestClient {

  /** Surefire sets this to target/graphql-requests; check-graphql validates what lands there. */
  static final String REQUEST_LOG_PROPERTY = "wandbjdbc.test.requestLog";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10))
      .build();
  private final URI uri;
  private final String authorization;

  public GraphQlTestClient(WandbTestServer server) {
    this(server.graphqlUri(), server.apiKey());
  }

  public GraphQlTestClient(URI uri, String apiKey) {
    this.uri = uri;
    this.authorization = apiKey == null ? null : basic(apiKey);
  }

  /** Records into the surefire request log, when the property is set (builds outside Maven skip it). */
  public static WandbTestServer.Builder recording(WandbTestServer.Builder builder) {
    String folder = System.getProperty(REQUEST_LOG_PROPERTY);
    return folder == null ? builder : builder.recordTo(Path.of(folder));
  }

  static String basic(String apiKey) {
    return "Basic " + Base64.getEncoder().encodeToString(("api:" + apiKey).getBytes(StandardCharsets.UTF_8));
  }

  /** The HTTP answer; {@code json} is null when the body is not JSON. */
  public record Response(int status, String body, JsonNode json, HttpHeaders headers, Duration elapsed) {
    public JsonNode data() {
      return json.get("data");
    }

    public boolean hasErrors() {
      return json != null && json.has("errors");
    }

    String firstErrorMessage() {
      return json.get("errors").get(0).get("message").asText();
    }
  }

  public Response post(String operationName, String query, Map<String, ?> variables) {
    return postBody(body(operationName, query, variables));
  }

  Response postBody(String body) {
    return postBody(body, authorization);
  }

  Response postBody(String body, String authorizationHeader) {
    return postAsync(body, authorizationHeader).join();
  }

  CompletableFuture<Response> postAsync(String body, String authorizationHeader) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri)
        .timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/json")
        .header("User-Agent", "wandb-jdbc-tests")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (authorizationHeader != null) {
      request.header("Authorization", authorizationHeader);
    }
    long start = System.nanoTime();
    return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()).thenApply(response ->
        new Response(response.statusCode(), response.body(), parseOrNull(response.body()), response.headers(),
            Duration.ofNanos(System.nanoTime() - start)));
  }

  String authorization() {
    return authorization;
  }

  static String body(String operationName, String query, Map<String, ?> variables) {
    ObjectNode body = MAPPER.createObjectNode();
    body.put("query", query);
    body.set("variables", MAPPER.valueToTree(variables));
    if (operationName != null) {
      body.put("operationName", operationName);
    }
    try {
      return MAPPER.writeValueAsString(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode parseOrNull(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (IOException e) {
      return null;
    }
  }
}
