package io.github.wandbjdbc.testserver.http;

import io.github.wandbjdbc.testserver.faults.ConnectionBreaker;
import io.github.wandbjdbc.testserver.faults.Fault;
import io.github.wandbjdbc.testserver.faults.FaultQueue;
import io.github.wandbjdbc.testserver.semantics.RequestRejectedException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import graphql.ExceptionWhileDataFetching;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /graphql}, the way W&B answers it:
 * <ol>
 *   <li>the body is recorded (when recording is on) before anything else can fail;</li>
 *   <li>the simulated latency is slept, and a matching scripted {@link Fault} is served if queued;</li>
 *   <li>a body that is not a JSON object with a {@code query} string → 400;</li>
 *   <li>a missing or wrong API key → 401;</li>
 *   <li>a request the {@link Refusal} rule refuses → 400 (or the status set for refusals);</li>
 *   <li>the query runs; an undocumented filter/order key, a bad operator, cursor or page size → 400
 *       ({@link RequestRejectedException}); GraphQL validation errors (unknown field or argument) →
 *       200 with {@code errors}, as W&B does; otherwise 200 with {@code data}.</li>
 * </ol>
 * Every error body has W&B's shape {@code {"errors":[{"message": …}]}}. When echoing keys
 * ({@link #echoKeyInErrors}), the 401 and 5xx answers, scripted or not, also say the API key the
 * request presented ({@link KeyEcho}).
 */
public final class GraphQlHttpHandler implements HttpHandler {

  private final GraphQL graphQl;
  private final ApiKeyCheck apiKey;
  private final RequestLog log;
  private final FaultQueue faults;
  private final RequestRecorder recorder; // null when not recording
  private final long latencyMillis;
  private final Refusal refusal;
  /** The HTTP status of a refusal: 400 as W&B answers, or 422 or 500 as it might. */
  private int refusalStatus = 400;
  /** Whether 401 and 5xx answers echo the presented key, as some servers and proxies do. */
  private boolean echoKeyInErrors;
  private final ObjectMapper mapper;
  private final Clock clock;

  public GraphQlHttpHandler(GraphQL graphQl, ApiKeyCheck apiKey, RequestLog log, FaultQueue faults,
      RequestRecorder recorder, long latencyMillis, Refusal refusal, ObjectMapper mapper, Clock clock) {
    this.graphQl = graphQl;
    this.apiKey = apiKey;
    this.log = log;
    this.faults = faults;
    this.recorder = recorder;
    this.refusal = refusal;
    this.latencyMillis = latencyMillis;
    this.mapper = mapper;
    this.clock = clock;
  }

  /** The parts of a request body the server uses. {@code problem} is set when it is unusable. */
  private record Body(String query, JsonNode variables, String operationName, String problem) {
  }

  /**
   * What the server answered, and how the network delivers it. A reset before the response has
   * status 0, as no status reaches the client.
   */
  private record Reply(int status, String body, Map<String, String> headers, Fault.Breakage breakage,
      long trickleMillis) {
    static Reply json(int status, String body) {
      return new Reply(status, body, Map.of(), Fault.Breakage.NONE, 0);
    }

    Reply withBody(String newBody) {
      return new Reply(status, newBody, headers, breakage, trickleMillis);
    }

    Reply deliveredAs(Fault fault) {
      return new Reply(status, body, headers, fault.breakage(), fault.trickleMillis());
    }
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    long seq = log.arrived();
    var receivedAt = clock.instant();
    try {
      Body body = null;
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      boolean authorized = apiKey.accepts(authorization);
      String userAgent = exchange.getRequestHeaders().getFirst("User-Agent");
      Reply reply;
      String operation = null;
      log.started();
      try {
        if (!"/graphql".equals(exchange.getRequestURI().getPath())) {
          reply = error(404, "not found: only POST /graphql is served");
        } else if (!"POST".equals(exchange.getRequestMethod())) {
          reply = error(405, "method not allowed: only POST /graphql is served");
        } else {
          body = parse(exchange.getRequestBody().readAllBytes());
          operation = operationName(body);
          reply = answer(seq, body, operation, authorized);
        }
      } catch (RuntimeException | InterruptedException e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        reply = error(500, "test server error: " + e);
      } finally {
        // Done before the response leaves, so a client's next request never overlaps this one.
        log.finished();
      }
      if (echoKeyInErrors && (reply.status() == 401 || reply.status() >= 500)) {
        reply = reply.withBody(KeyEcho.into(reply.body(), authorization, mapper));
      }
      log.add(new RecordedRequest(seq, operation, body == null ? null : body.query(),
          body == null || body.variables() == null ? NullNode.getInstance() : body.variables(),
          reply.status(), authorized, userAgent, receivedAt));
      log.sent(send(exchange, reply));
      exchange.close();
    } catch (ConnectionBreaker.ResetOnPurpose reset) {
      throw reset; // not closed here: the server closes the connection, as a reset
    } catch (IOException | RuntimeException | Error e) {
      exchange.close();
      throw e;
    }
  }

  private Reply answer(long seq, Body body, String operation, boolean authorized) throws InterruptedException {
    if (recorder != null && body.problem() == null) {
      recorder.write(seq, operation, body.query(), body.variables(), body.operationName());
    }
    if (latencyMillis > 0) {
      Thread.sleep(latencyMillis);
    }
    Optional<Fault> fault = faults.take(operation);
    if (fault.isPresent()) {
      Fault f = fault.get();
      Thread.sleep(f.delayMillis());
      if (f.breakage() == Fault.Breakage.RESET_BEFORE_RESPONSE) {
        return new Reply(0, "", Map.of(), f.breakage(), 0);
      }
      if (!f.answersNormally()) {
        return new Reply(f.status(), f.body(), f.headers(), Fault.Breakage.NONE, 0);
      }
      return answerNormally(body, operation, authorized).deliveredAs(f);
    }
    return answerNormally(body, operation, authorized);
  }

  private Reply answerNormally(Body body, String operation, boolean authorized) {
    if (body.problem() != null) {
      return error(400, body.problem());
    }
    if (!authorized) {
      return error(401, "invalid or missing API key: send HTTP Basic auth with user 'api' and the API key as password");
    }
    if (refusal.refuses(operation, body.variables() == null ? NullNode.getInstance() : body.variables())) {
      return error(refusalStatus, "invalid filters or order: this server refuses them (test server refusal rule)");
    }
    return execute(body);
  }

  public void refusalStatus(int status) {
    this.refusalStatus = status;
  }

  public void echoKeyInErrors(boolean echo) {
    this.echoKeyInErrors = echo;
  }

  private Reply execute(Body body) {
    ExecutionInput.Builder input = ExecutionInput.newExecutionInput().query(body.query());
    if (body.operationName() != null) {
      input.operationName(body.operationName());
    }
    if (body.variables() != null && body.variables().isObject()) {
      @SuppressWarnings("unchecked")
      Map<String, Object> variables = mapper.convertValue(body.variables(), Map.class);
      input.variables(variables);
    }
    ExecutionResult result = graphQl.execute(input.build());
    for (GraphQLError error : result.getErrors()) {
      Optional<RequestRejectedException> rejected = rejection(error);
      if (rejected.isPresent()) {
        return error(400, rejected.get().getMessage());
      }
    }
    return Reply.json(200, toJson(result.toSpecification()));
  }

  private static Optional<RequestRejectedException> rejection(GraphQLError error) {
    if (error instanceof ExceptionWhileDataFetching fetching) {
      for (Throwable t = fetching.getException(); t != null; t = t.getCause()) {
        if (t instanceof RequestRejectedException rejected) {
          return Optional.of(rejected);
        }
      }
    }
    return Optional.empty();
  }

  private Body parse(byte[] bytes) {
    JsonNode root;
    try {
      root = mapper.readTree(bytes);
    } catch (IOException e) {
      String detail = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.toString();
      return new Body(null, null, null, "malformed JSON body: " + detail);
    }
    if (root == null || !root.isObject()) {
      return new Body(null, null, null, "the body must be a JSON object {\"query\", \"variables\", \"operationName\"}");
    }
    JsonNode query = root.get("query");
    JsonNode variables = root.get("variables");
    JsonNode operationName = root.get("operationName");
    String operation = operationName != null && operationName.isTextual() ? operationName.asText() : null;
    if (query == null || !query.isTextual()) {
      return new Body(null, variables, operation, "the body has no \"query\" string");
    }
    if (variables != null && !variables.isObject() && !variables.isNull()) {
      return new Body(query.asText(), variables, operation, "\"variables\" must be a JSON object");
    }
    return new Body(query.asText(), variables, operation, null);
  }

  /** The body's operationName, else the name of the document's only operation, else null. */
  private static String operationName(Body body) {
    if (body.operationName() != null || body.query() == null) {
      return body.operationName();
    }
    try {
      Document document = Parser.parse(body.query());
      List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
      return operations.size() == 1 ? operations.get(0).getName() : null;
    } catch (RuntimeException e) {
      return null; // not parseable: GraphQL execution will report it
    }
  }

  private Reply error(int status, String message) {
    return Reply.json(status, toJson(Map.of("errors", List.of(Map.of("message", message)))));
  }

  private String toJson(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a response", e);
    }
  }

  /** Sends the reply, or breaks the connection as it says; returns the bytes of body sent. */
  private static int send(HttpExchange exchange, Reply reply) throws IOException {
    if (reply.breakage() == Fault.Breakage.RESET_BEFORE_RESPONSE) {
      throw ConnectionBreaker.reset(exchange);
    }
    byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    reply.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
    exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
    OutputStream out = exchange.getResponseBody();
    switch (reply.breakage()) {
      case RESET_MID_BODY -> {
        int half = bytes.length / 2;
        out.write(bytes, 0, half);
        out.flush();
        pause(50); // lets the half body leave before the reset discards what is still queued
        throw ConnectionBreaker.reset(exchange);
      }
      case TRICKLE -> {
        int slices = 20;
        int slice = Math.max(1, (bytes.length + slices - 1) / slices);
        for (int from = 0; from < bytes.length; from += slice) {
          pause(reply.trickleMillis() / slices);
          out.write(bytes, from, Math.min(slice, bytes.length - from));
          out.flush(); // throws once the client has given up, which ends the trickle
        }
        out.close();
        return bytes.length;
      }
      default -> {
        try (out) {
          out.write(bytes);
        }
        return bytes.length;
      }
    }
  }

  private static void pause(long millis) throws IOException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while sending", e);
    }
  }
}
