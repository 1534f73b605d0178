package io.github.wandbjdbc.testserver.faults;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A scripted answer for one coming request, queued with {@link FaultQueue#enqueue}. One of:
 * <ul>
 *   <li>a canned HTTP response ({@link #status}, {@link #body}) served instead of executing the
 *       query;</li>
 *   <li>a delay ({@link #delayMillis}) after which the request is answered normally;</li>
 *   <li>a broken connection ({@link #breakage}): reset before any byte of the answer, reset in the
 *       middle of the answer's body, or the answer trickled out so slowly that it takes
 *       {@link #trickleMillis} in all while no single read waits long.</li>
 * </ul>
 *
 * <pre>{@code
 * server.faults().enqueue(Fault.status(429).header("Retry-After", "1"));
 * server.faults().enqueue(Fault.body(200, "{not json").forOperation("Runs"));
 * server.faults().enqueue(Fault.delayMillis(3000));
 * server.faults().enqueue(Fault.resetMidBody().forOperation("RunHistory"));
 * server.faults().enqueue(Fault.trickle(5000));
 * }</pre>
 *
 * @param status        HTTP status of the canned response; 0 when the query is answered normally
 * @param body          response body of the canned response
 * @param headers       extra response headers
 * @param delayMillis   wait before answering
 * @param operationName when not null, the fault applies only to requests of this operation
 * @param breakage      what happens to the connection while answering
 * @param trickleMillis for {@link Breakage#TRICKLE}, how long sending the body takes
 */
public record Fault(int status, String body, Map<String, String> headers, long delayMillis,
    String operationName, Breakage breakage, long trickleMillis) {

  /** What the network does to the answer. */
  public enum Breakage {
    /** Nothing: the answer arrives whole. */
    NONE,
    /** The TCP connection is reset (RST) before the status line is sent. */
    RESET_BEFORE_RESPONSE,
    /** Status, headers and half of the body are sent, then the connection is reset. */
    RESET_MID_BODY,
    /** The whole answer is sent in small slices spread over {@code trickleMillis}. */
    TRICKLE
  }

  public Fault {
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(breakage, "breakage");
    headers = Map.copyOf(headers);
    if (status != 0 && (status < 100 || status > 599)) {
      throw new IllegalArgumentException("HTTP status out of range: " + status);
    }
    if (delayMillis < 0 || trickleMillis < 0) {
      throw new IllegalArgumentException("negative delay");
    }
  }

  /** A response with this status and a W&B-style error body {@code {"errors":[{"message":…}]}}. */
  public static Fault status(int status) {
    return body(status, "{\"errors\":[{\"message\":\"scripted fault: HTTP " + status + "\"}]}");
  }

  /** A response with this status and exactly this body (e.g. malformed JSON). */
  public static Fault body(int status, String body) {
    return new Fault(status, body, Map.of(), 0, null, Breakage.NONE, 0);
  }

  /** Answers normally, but only after {@code millis}. */
  public static Fault delayMillis(long millis) {
    return new Fault(0, "", Map.of(), millis, null, Breakage.NONE, 0);
  }

  /** Resets the connection before answering; the query is not executed. */
  public static Fault resetBeforeResponse() {
    return new Fault(0, "", Map.of(), 0, null, Breakage.RESET_BEFORE_RESPONSE, 0);
  }

  /** Executes the query, sends half of its answer and resets the connection. */
  public static Fault resetMidBody() {
    return new Fault(0, "", Map.of(), 0, null, Breakage.RESET_MID_BODY, 0);
  }

  /** Executes the query and sends its answer a slice at a time over {@code millis}. */
  public static Fault trickle(long millis) {
    return new Fault(0, "", Map.of(), 0, null, Breakage.TRICKLE, millis);
  }

  public Fault header(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new Fault(status, body, more, delayMillis, operationName, breakage, trickleMillis);
  }

  public Fault forOperation(String operation) {
    return new Fault(status, body, headers, delayMillis,
        Objects.requireNonNull(operation, "operation"), breakage, trickleMillis);
  }

  /** True when the query is executed and its own answer sent (maybe late, maybe broken). */
  public boolean answersNormally() {
    return status == 0 && breakage != Breakage.RESET_BEFORE_RESPONSE;
  }

  boolean appliesTo(String requestOperation) {
    return operationName == null || operationName.equals(requestOperation);
  }
}
