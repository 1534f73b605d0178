package io.github.wandbjdbc.testserver;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A scripted answer for one coming request, queued with {@link FaultQueue#enqueue}. Either a canned
 * HTTP response ({@link #status}, {@link #body}) served instead of executing the query, or a delay
 * ({@link #delayMillis}) after which the request is answered normally.
 *
 * <pre>{@code
 * server.faults().enqueue(Fault.status(429).header("Retry-After", "1"));
 * server.faults().enqueue(Fault.body(200, "{not json").forOperation("Runs"));
 * server.faults().enqueue(Fault.delayMillis(3000));
 * }</pre>
 *
 * @param status        HTTP status of the canned response; 0 for a delay-only fault
 * @param body          response body of the canned response
 * @param headers       extra response headers
 * @param delayMillis   wait before answering
 * @param operationName when not null, the fault applies only to requests of this operation
 */
public record Fault(int status, String body, Map<String, String> headers, long delayMillis, String operationName) {

  public Fault {
    Objects.requireNonNull(body, "body");
    headers = Map.copyOf(headers);
    if (status != 0 && (status < 100 || status > 599)) {
      throw new IllegalArgumentException("HTTP status out of range: " + status);
    }
    if (delayMillis < 0) {
      throw new IllegalArgumentException("negative delay");
    }
  }

  /** A response with this status and a W&B-style error body {@code {"errors":[{"message":…}]}}. */
  public static Fault status(int status) {
    return new Fault(status, "{\"errors\":[{\"message\":\"scripted fault: HTTP " + status + "\"}]}",
        Map.of(), 0, null);
  }

  /** A response with this status and exactly this body (e.g. malformed JSON). */
  public static Fault body(int status, String body) {
    return new Fault(status, body, Map.of(), 0, null);
  }

  /** Answers normally, but only after {@code millis}. */
  public static Fault delayMillis(long millis) {
    return new Fault(0, "", Map.of(), millis, null);
  }

  public Fault header(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new Fault(status, body, more, delayMillis, operationName);
  }

  public Fault forOperation(String operation) {
    return new Fault(status, body, headers, delayMillis, Objects.requireNonNull(operation, "operation"));
  }

  /** True for a delay-only fault: the request is executed normally afterwards. */
  public boolean answersNormally() {
    return status == 0;
  }

  boolean appliesTo(String requestOperation) {
    return operationName == null || operationName.equals(requestOperation);
  }
}
