package io.github.wandbjdbc.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.wandbjdbc.client.WandbApiException.Kind;
import io.github.wandbjdbc.model.WandbJson;

import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

import javax.net.ssl.SSLHandshakeException;

/**
 * Sends GraphQL operations to {@code {baseUrl}/graphql} and returns their {@code data}, retrying
 * what may succeed on a second try (see {@link RetryPolicy}) and turning everything else into a
 * {@link WandbApiException} that tells the user what to do. Redirects are not followed, so the
 * API key only ever goes to the configured host.
 */
final class GraphQLTransport implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(GraphQLTransport.class.getName());

  private final ClientOptions options;
  private final CloseableHttpClient http;
  private final RequestWatchdog watchdog = new RequestWatchdog();
  private final RequestGate gate;
  private final DoubleSupplier jitter;

  GraphQLTransport(ClientOptions options) {
    this(options, () -> ThreadLocalRandom.current().nextDouble());
  }

  GraphQLTransport(ClientOptions options, DoubleSupplier jitter) {
    this.options = options;
    this.jitter = jitter;
    this.gate = new RequestGate(options.parallelism());
    this.http = PooledHttp.client(options);
  }

  /** Runs {@code operation} and returns its {@code data} object. */
  JsonNode execute(Operation operation, ObjectNode variables, CallControl control) {
    byte[] body = requestBody(operation, variables);
    long started = System.nanoTime();
    for (int attempt = 1; ; attempt++) {
      control.check();
      if (Thread.currentThread().isInterrupted()) {
        throw control.cancelled(); // the watchdog would abort the request as soon as it is sent
      }
      Failure failure;
      try {
        Answer answer = send(body, control);
        LOG.log(System.Logger.Level.DEBUG, () -> operation.operationName() + ": HTTP "
            + answer.status());
        if (isSuccess(answer.status())) {
          Optional<JsonNode> root = answer.json();
          if (root.isPresent()) {
            return dataOf(operation, root.get());
          }
          failure = new Failure(Kind.MALFORMED_RESPONSE, answer.status(),
              "the answer was not valid JSON", Optional.empty(), null);
        } else if (answer.status() == 500 && refusesArguments(answer.body())) {
          // A server error that names the filters or order is the server's answer to them, not
          // a passing failure: final, so that the caller can fall back at once (Fallback).
          throw finalError(operation, answer);
        } else if (RetryPolicy.isRetryableStatus(answer.status())) {
          failure = new Failure(kindOfRetryable(answer.status()), answer.status(),
              said(answer).orElse(""),
              RetryPolicy.parseRetryAfter(answer.retryAfter(), Instant.now()), null);
        } else {
          throw finalError(operation, answer);
        }
      } catch (IOException e) {
        if (control.isCancelled() || Thread.currentThread().isInterrupted()) {
          throw control.cancelled(); // an interrupted thread's request was aborted by the watchdog
        }
        if (control.isExpired()) {
          throw control.timedOut();
        }
        if (e instanceof SSLHandshakeException) {
          throw error(Kind.UNREACHABLE, 0, "The TLS handshake with " + hostAndPort()
              + " failed (" + e.getMessage() + "). The server's certificate is not trusted by this"
              + " JVM; add the CA to the JVM's truststore (javax.net.ssl.trustStore).", e);
        }
        failure = new Failure(isUnreachable(e) ? Kind.UNREACHABLE : Kind.IO_ERROR, 0,
            describe(e), Optional.empty(), e);
      }
      if (attempt > options.retry().maxRetries()) {
        throw exhausted(operation, failure, attempt, started);
      }
      final int retry = attempt;
      Duration wait = failure.retryAfter().orElseGet(() -> options.retry().backoff(retry, jitter));
      if (wait.compareTo(options.retry().maxWait()) > 0) {
        throw error(failure.kind(), failure.status(), "W&B asked the driver to wait "
            + wait.toSeconds() + " s before retrying (Retry-After), longer than retryMaxWaitMs="
            + options.retry().maxWait().toMillis() + ". Try again later.", failure.cause());
      }
      if (control.hasDeadline() && wait.compareTo(control.remaining()) >= 0) {
        throw control.timedOut();
      }
      final Failure failed = failure;
      LOG.log(System.Logger.Level.WARNING, () -> operation.operationName() + " failed ("
          + failed.summary() + "); retrying in " + wait.toMillis() + " ms (attempt " + (retry + 1)
          + " of " + (options.retry().maxRetries() + 1) + ")");
      if (failure.kind() == Kind.RATE_LIMITED) {
        // The next attempt, and every other request of this connection, waits in the gate.
        gate.pause(wait);
      } else {
        control.sleep(wait);
      }
    }
  }

  private byte[] requestBody(Operation operation, ObjectNode variables) {
    ObjectNode body = WandbJson.envelopeMapper().createObjectNode();
    body.put("query", operation.document());
    body.set("variables", variables);
    body.put("operationName", operation.operationName());
    try {
      return WandbJson.envelopeMapper().writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a GraphQL request", e);
    }
  }

  private Answer send(byte[] body, CallControl control) throws IOException {
    HttpPost post = new HttpPost(options.graphqlEndpoint());
    post.setHeader(HttpHeaders.AUTHORIZATION, options.apiKey().basicAuthorization());
    post.setHeader(HttpHeaders.ACCEPT, "application/json");
    post.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
    // The attempt's time limit counts from when it may start, after any wait in the gate.
    try (RequestGate.Slot slot = gate.enter(control)) {
      Duration attemptLimit = min(options.requestTimeout(), control.remaining());
      post.setConfig(RequestConfig.custom()
          .setResponseTimeout(Timeout.ofMilliseconds(Math.max(1, attemptLimit.toMillis())))
          .build());
      try (RequestWatchdog.Watch watch = watchdog.watch(post, control, attemptLimit)) {
        try {
          return http.execute(post, response -> {
            HttpEntity entity = response.getEntity();
            boolean success = isSuccess(response.getCode());
            return new Answer(
                response.getCode(),
                headerValue(response.getFirstHeader("Retry-After")),
                headerValue(response.getFirstHeader(HttpHeaders.LOCATION)),
                success || entity == null ? new byte[0] : EntityUtils.toByteArray(entity),
                success && entity != null ? parse(entity) : Optional.empty());
          });
        } catch (IOException e) {
          if (watch.ranOutOfTime()) {
            // Aborted by the watchdog: the answer was still arriving when the limit passed.
            SocketTimeoutException late = new SocketTimeoutException("attempt limit passed");
            late.initCause(e);
            throw late;
          }
          throw e;
        } catch (IllegalStateException e) {
          if (!post.isCancelled()) {
            throw e;
          }
          // An abort that lands between leasing a connection and connecting it ends HttpClient's
          // call with "Endpoint not acquired / already released" instead of an IOException; it
          // is the same abort, to be treated as one (cancel, timeout or retry), not as a bug.
          IOException aborted = watch.ranOutOfTime()
              ? new SocketTimeoutException("attempt limit passed")
              : new InterruptedIOException("request aborted");
          aborted.initCause(e);
          throw aborted;
        }
      }
    }
  }

  private static String headerValue(Header header) {
    return header == null ? null : header.getValue();
  }

  private static boolean isSuccess(int status) {
    return status >= 200 && status < 300;
  }

  /**
   * A successful answer's JSON, parsed as it streams in, so that a large page is never held as
   * bytes and as a tree at once. Empty when it is not a JSON object (a truncated body included);
   * an I/O error on the way is thrown, to be retried like any other.
   */
  private static Optional<JsonNode> parse(HttpEntity entity) throws IOException {
    try (InputStream in = entity.getContent()) {
      JsonNode root = WandbJson.envelopeMapper().readTree(in);
      return root != null && root.isObject() ? Optional.of(root) : Optional.empty();
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }

  /** The {@code data} of a 2xx answer; GraphQL {@code errors} are final (not retried). */
  private JsonNode dataOf(Operation operation, JsonNode root) {
    List<String> errors = ErrorBodies.messages(root);
    if (!errors.isEmpty()) {
      throw error(Kind.GRAPHQL_ERROR, 200, "W&B rejected the " + operation.operationName()
          + " request: " + String.join("; ", errors) + ". The W&B server may not support what this"
          + " driver version asks for; check that the server is up to date.", null);
    }
    JsonNode data = root.get("data");
    if (data == null || !data.isObject()) {
      throw error(Kind.MALFORMED_RESPONSE, 200, "W&B answered the " + operation.operationName()
          + " request without data. If this persists, report it with your W&B server version.",
          null);
    }
    return data;
  }

  private WandbApiException finalError(Operation operation, Answer answer) {
    int status = answer.status();
    String said = said(answer).map(m -> " (" + m + ")").orElse("");
    String host = hostAndPort();
    return switch (status) {
      case 401 -> error(Kind.AUTHENTICATION, status, "W&B rejected the API key (HTTP 401) at "
          + host + said + ". Check the apiKey (or password) property, the WANDB_API_KEY"
          + " environment variable, or the ~/.netrc entry for " + options.baseUrl().getHost()
          + " that `wandb login` writes.", null);
      case 403 -> error(Kind.PERMISSION, status, "W&B denied access (HTTP 403)" + said
          + ". The API key's user needs read access to this entity and project.", null);
      case 404 -> error(Kind.BAD_ENDPOINT, status, "There is no W&B GraphQL API at "
          + options.graphqlEndpoint() + " (HTTP 404). Check baseUrl: https://api.wandb.ai for"
          + " W&B's cloud, or your W&B server's own address.", null);
      case 501 -> error(Kind.SERVER_ERROR, status, "W&B does not implement the "
          + operation.operationName() + " request (HTTP 501)" + said + ".", null);
      default -> {
        if (status >= 300 && status < 400) {
          yield error(Kind.BAD_ENDPOINT, status, "W&B at " + host + " answered with a redirect"
              + " (HTTP " + status + (answer.location() == null ? "" : " to " + answer.location())
              + "). The driver does not follow redirects, so that the API key is sent to no other"
              + " host; set baseUrl to the API's own address.", null);
        }
        yield error(Kind.BAD_REQUEST, status, "W&B refused the " + operation.operationName()
            + " request (HTTP " + status + ")" + said + ".", null);
      }
    };
  }

  private WandbApiException exhausted(Operation operation, Failure failure, int attempts,
      long startedNanos) {
    String tries = attempts + (attempts == 1 ? " attempt" : " attempts") + " over "
        + Duration.ofNanos(System.nanoTime() - startedNanos).toSeconds() + " s";
    String said = failure.detail().isEmpty() ? "" : " (" + failure.detail() + ")";
    String message = switch (failure.kind()) {
      case RATE_LIMITED -> "W&B kept rate-limiting the driver (HTTP 429)" + said + " through "
          + tries + ". Wait a minute and try again, run fewer queries at once, or raise maxRetries.";
      case SERVER_ERROR -> "W&B answered HTTP " + failure.status() + said + " to " + tries
          + "; the server may be overloaded or down (W&B cloud status: https://status.wandb.com)."
          + " Try again later.";
      case UNREACHABLE -> "Cannot reach W&B at " + hostAndPort() + said + " after " + tries
          + ". Check baseUrl, the network, and proxy settings (https.proxyHost).";
      case MALFORMED_RESPONSE -> "W&B's answer to the " + operation.operationName()
          + " request could not be read" + said + " in " + tries + ". If this persists, report"
          + " it with your W&B server version.";
      case BAD_REQUEST -> "W&B refused the " + operation.operationName() + " request (HTTP "
          + failure.status() + ")" + said + " in " + tries + ".";
      default -> "The connection to W&B at " + hostAndPort() + " failed" + said + " in " + tries
          + ". Check the network; raise requestTimeoutMs if W&B answers slowly.";
    };
    return error(failure.kind(), failure.status(), message, failure.cause());
  }

  private WandbApiException error(Kind kind, int status, String message, Throwable cause) {
    return new WandbApiException(kind, status, options.apiKey().redact(message),
        cause == null ? null : new RedactedCause(cause, options.apiKey()));
  }

  /**
   * What an error answer says, the key scrubbed out before the text is cut short (a cut through
   * the key would leave half of it past redacting). Besides the exception, which {@link #error}
   * redacts again, it reaches the warning each retry logs, which nothing else redacts.
   */
  private Optional<String> said(Answer answer) {
    return ErrorBodies.message(answer.body(), options.apiKey()::redact);
  }

  /** Whether an error body's message is about the request's filters or order. */
  private static boolean refusesArguments(byte[] body) {
    return ErrorBodies.message(body)
        .map(m -> m.toLowerCase(Locale.ROOT))
        .filter(m -> m.contains("filter") || m.contains("order"))
        .isPresent();
  }

  private static Kind kindOfRetryable(int status) {
    if (status == 429) {
      return Kind.RATE_LIMITED;
    }
    return status >= 500 || status == 0 ? Kind.SERVER_ERROR : Kind.BAD_REQUEST;
  }

  private static boolean isUnreachable(IOException e) {
    return e instanceof ConnectException || e instanceof UnknownHostException
        || e instanceof NoRouteToHostException
        || e instanceof org.apache.hc.client5.http.ConnectTimeoutException;
  }

  private String describe(IOException e) {
    if (e instanceof UnknownHostException) {
      return "unknown host " + options.baseUrl().getHost();
    }
    if (e instanceof SocketTimeoutException) {
      return "no complete answer within requestTimeoutMs=" + options.requestTimeout().toMillis();
    }
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }

  private String hostAndPort() {
    var uri = options.baseUrl();
    return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  @Override
  public void close() {
    watchdog.close();
    try {
      http.close();
    } catch (IOException e) {
      LOG.log(System.Logger.Level.DEBUG, "closing the HTTP client failed", e);
    }
  }

  /** What came back from one attempt. */
  private record Answer(int status, String retryAfter, String location, byte[] body,
      Optional<JsonNode> json) {}

  /** Why an attempt failed, when another attempt may succeed. */
  private record Failure(Kind kind, int status, String detail, Optional<Duration> retryAfter,
      Throwable cause) {
    String summary() {
      return (status == 0 ? kind.name() : "HTTP " + status) + (detail.isEmpty() ? "" : ": " + detail);
    }
  }
}
