package io.github.wandbjdbc.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wandbjdbc.model.WandbJson;
import io.github.wandbjdbc.support.KeyLeaks;
import io.github.wandbjdbc.support.TestServerExtension;
import io.github.wandbjdbc.testserver.faults.Fault;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * {@link GraphQLTransport} scrubs the key from whatever an error answer says, in each form a
 * server or proxy may say it back: plainly, as the Base64 of the Basic {@code Authorization}
 * header, inside JSON (escaped or in a body of another shape), in a message long enough to be
 * cut short, in a redirect's {@code Location}, and in the warning a retry logs. The answers are
 * scripted faults, served whatever the key.
 */
class TransportRedactionTest {
  private static final String KEY = "kr-transport-3a7c1e9b5d2f4a6c8e0b1d3f5a7c9e2b4d6f8a0c";
  private static final String BASIC = new ApiKey(KEY).basicAuthorization();
  private static final String MARK = "****";
  private static final KeyLeaks LEAKS = new KeyLeaks(KEY);

  @RegisterExtension
  static final TestServerExtension SERVER = new TestServerExtension();

  @AfterEach
  void noFaultLeftOver() {
    SERVER.server().faults().clear();
  }

  private static WandbApiException failing(int retries, Fault... faults) {
    for (Fault f : faults) {
      SERVER.server().faults().enqueue(f);
    }
    try (GraphQLTransport transport = new GraphQLTransport(new ClientOptions(
        URI.create(SERVER.server().baseUrl()), new ApiKey(KEY), Duration.ofSeconds(5),
        Duration.ofSeconds(30), new RetryPolicy(retries, Duration.ofMillis(1),
        Duration.ofSeconds(1)), "wandb-jdbc-test"))) {
      WandbApiException e = assertThrows(WandbApiException.class, () -> transport.execute(
          Operation.VIEWER, WandbJson.envelopeMapper().createObjectNode(), CallControl.NONE));
      LEAKS.assertNoneIn("the exception for HTTP " + e.httpStatus(), KeyLeaks.shown(e));
      return e;
    }
  }

  private static void assertSays(WandbApiException e, String... parts) {
    for (String part : parts) {
      assertTrue(e.getMessage().contains(part), "says '" + part + "': " + e.getMessage());
    }
  }

  @Test
  void thePlainKeyIn401() {
    WandbApiException e = failing(0, Fault.body(401,
        "{\"errors\":[{\"message\":\"invalid api key " + KEY + "\"}]}"));
    assertEquals(WandbApiException.Kind.AUTHENTICATION, e.kind());
    assertEquals(401, e.httpStatus());
    assertSays(e, "HTTP 401", "(invalid api key " + MARK + ")");
  }

  @Test
  void theBasicHeaderInAProxysPage() {
    WandbApiException e = failing(0, Fault.body(401, "<html><body><h1>401 Unauthorized</h1>"
        + "<pre>Authorization: " + BASIC + "</pre></body></html>"));
    assertEquals(WandbApiException.Kind.AUTHENTICATION, e.kind());
    assertSays(e, "401 Unauthorized", "Authorization: Basic " + MARK);
  }

  @Test
  void theKeyInsideJson() {
    StringBuilder escaped = new StringBuilder();
    KEY.chars().forEach(ch -> escaped.append(String.format("\\u%04x", ch)));
    WandbApiException e = failing(0, Fault.body(500, "{\"error\":{\"message\":\"upstream"
        + " rejected {\\\"authorization\\\": \\\"" + BASIC + "\\\", \\\"api_key\\\": \\\""
        + escaped + "\\\"}\"}}"));
    assertEquals(WandbApiException.Kind.SERVER_ERROR, e.kind());
    assertEquals(500, e.httpStatus());
    assertSays(e, "HTTP 500", "upstream rejected {\"authorization\": \"Basic " + MARK
        + "\", \"api_key\": \"" + MARK + "\"}");

    WandbApiException other = failing(0, Fault.body(401,
        "{\"detail\": \"api key " + KEY + " is not valid\"}"));
    assertSays(other, "{\"detail\": \"api key " + MARK + " is not valid\"}");
  }

  /** The transport shows the first 300 characters of what the server says; the key is past 280. */
  @Test
  void theKeyWhereALongMessageIsCutShort() {
    WandbApiException e = failing(0, Fault.body(500, "{\"errors\":[{\"message\":\""
        + "x".repeat(280) + " " + KEY + " " + "y".repeat(100) + "\"}]}"));
    assertEquals(WandbApiException.Kind.SERVER_ERROR, e.kind());
    assertSays(e, "xxxxxxxx " + MARK);
  }

  @Test
  void theKeyInARedirectsLocation() {
    WandbApiException e = failing(0, Fault.body(302, "")
        .header("Location", "https://login.example/sso?api_key=" + KEY));
    assertEquals(WandbApiException.Kind.BAD_ENDPOINT, e.kind());
    assertSays(e, "HTTP 302 to https://login.example/sso?api_key=" + MARK);
  }

  @Test
  void theKeyInTheWarningOfARetry() {
    Logger logger = Logger.getLogger(GraphQLTransport.class.getName());
    List<String> logged = new ArrayList<>();
    Handler capture = new Handler() {
      @Override
      public void publish(LogRecord record) {
        synchronized (logged) {
          logged.add(record.getMessage());
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    logger.addHandler(capture);
    try {
      String body = "{\"errors\":[{\"message\":\"bad gateway for " + BASIC + "\"}]}";
      WandbApiException e = failing(1, Fault.body(502, body), Fault.body(502, body));
      assertSays(e, "HTTP 502", "2 attempts", "bad gateway for Basic " + MARK);
    } finally {
      logger.removeHandler(capture);
    }
    String log = String.join("\n", logged);
    assertTrue(log.contains("retrying") && log.contains("bad gateway for"), log);
    LEAKS.assertNoneIn("the retry's warning", log);
  }
}
