package io.github.wandbjdbc.testserver;

import io.github.wandbjdbc.testserver.http.RecordedRequest;

import static io.github.wandbjdbc.testserver.generate.SampleDataGenerator.ENTITY;
import static io.github.wandbjdbc.testserver.generate.SampleDataGenerator.RESNET_PROJECT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Requests the server must refuse. Its server does <em>not</em> record into the surefire request
 * log: these documents are wrong on purpose and must not reach check-graphql.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WandbTestServerRejectionTest {

  private WandbTestServer server;
  private GraphQlTestClient client;

  @BeforeAll
  void start() {
    server = WandbTestServer.builder().start();
    client = new GraphQlTestClient(server);
  }

  @AfterAll
  void stop() {
    server.close();
  }

  @Test
  void undocumentedFilterKeyGets400NamingTheKey() {
    GraphQlTestClient.Response response = runs(Map.of("filters", "{\"summary.loss\": {\"$lt\": 1}}"));
    assertEquals(400, response.status());
    assertTrue(response.firstErrorMessage().contains("summary.loss"), response.body());
    assertEquals(1, response.json().get("errors").size());
  }

  @Test
  void unknownOperatorAndOrderKeyGet400() {
    GraphQlTestClient.Response operator = runs(Map.of("filters", "{\"state\": {\"$elemMatch\": 1}}"));
    assertEquals(400, operator.status());
    assertTrue(operator.firstErrorMessage().contains("$elemMatch"));
    GraphQlTestClient.Response order = runs(Map.of("order", "-summary.loss"));
    assertEquals(400, order.status());
    assertTrue(order.firstErrorMessage().contains("summary.loss"));
    GraphQlTestClient.Response cursor = runs(Map.of("cursor", "bm90LWEtY3Vyc29y"));
    assertEquals(400, cursor.status());
  }

  @Test
  void pageSizeAboveTheCapGets400() {
    GraphQlTestClient.Response response = runs(Map.of("perPage", 1001));
    assertEquals(400, response.status());
    assertEquals("{\"errors\":[{\"message\":\"first must not exceed 1000\"}]}", response.body());
  }

  @Test
  void filterErrorsInRunCountAlsoGet400() {
    String query = "query Count($filters: JSONString) { project(name: \"resnet-sweep\", entityName: \"demo-team\") { runCount(filters: $filters) } }";
    assertEquals(400, client.post("Count", query, Map.of("filters", "{\"created_at\": 1}")).status());
  }

  @Test
  void unknownFieldOrArgumentGets200WithErrors() {
    GraphQlTestClient.Response field = client.post("Bad",
        "query Bad { project(name: \"resnet-sweep\", entityName: \"demo-team\") { internalIdd } }", Map.of());
    assertEquals(200, field.status());
    assertTrue(field.firstErrorMessage().contains("internalIdd"), field.body());
    assertTrue(field.json().get("errors").get(0).has("locations"));
    GraphQlTestClient.Response argument = client.post("Bad",
        "query Bad { project(name: \"resnet-sweep\", entityName: \"demo-team\") { runs(limit: 5) { totalCount } } }", Map.of());
    assertEquals(200, argument.status());
    assertTrue(argument.firstErrorMessage().contains("limit"), argument.body());
  }

  @Test
  void malformedBodiesGet400() {
    assertEquals(400, client.postBody("{not json").status());
    assertTrue(client.postBody("{not json").firstErrorMessage().startsWith("malformed JSON body"));
    assertEquals(400, client.postBody("[1, 2]").status());
    assertEquals(400, client.postBody("{\"variables\": {}}").status());
    assertEquals(400, client.postBody("{\"query\": \"{ viewer { id } }\", \"variables\": [1]}").status());
  }

  @Test
  void malformedBodyIsLoggedWithoutAQuery() {
    server.clearRequests();
    client.postBody("{not json");
    RecordedRequest recorded = server.requests().get(0);
    assertEquals(400, recorded.httpStatus());
    assertEquals(null, recorded.query());
    assertTrue(recorded.variables().isNull());
  }

  private GraphQlTestClient.Response runs(Map<String, Object> extra) {
    Map<String, Object> variables = new java.util.HashMap<>(Map.of("project", RESNET_PROJECT, "entity", ENTITY));
    variables.putAll(extra);
    return client.post("RunNames", WandbTestServerHttpTest.NAMES_QUERY, variables);
  }
}
