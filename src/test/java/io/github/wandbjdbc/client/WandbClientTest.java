package io.github.wandbjdbc.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wandbjdbc.model.KeySelection;
import io.github.wandbjdbc.model.Page;
import io.github.wandbjdbc.model.ProjectNode;
import io.github.wandbjdbc.model.RunField;
import io.github.wandbjdbc.model.RunNode;
import io.github.wandbjdbc.model.RunSelection;
import io.github.wandbjdbc.model.Viewer;
import io.github.wandbjdbc.support.TestServerExtension;
import io.github.wandbjdbc.testserver.data.ProjectData;
import io.github.wandbjdbc.testserver.data.RunData;
import io.github.wandbjdbc.testserver.faults.Fault;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** Each W&B operation of the client against the test server. */
class WandbClientTest {
  private static final String ENTITY = TestServerExtension.ENTITY;
  private static final String PROJECT = TestServerExtension.BIG_PROJECT;

  @RegisterExtension
  static final TestServerExtension SERVER = new TestServerExtension();

  private static WandbClient client;

  @BeforeAll
  static void connect() {
    client = new WandbClient(new ClientOptions(URI.create(SERVER.server().baseUrl()),
        new ApiKey(SERVER.apiKey()), Duration.ofSeconds(5), Duration.ofSeconds(30),
        new RetryPolicy(0, Duration.ZERO, Duration.ZERO), "wandb-jdbc-test"));
  }

  @AfterAll
  static void close() {
    client.close();
  }

  private static ProjectData data() {
    return SERVER.server().data().project(ENTITY, PROJECT);
  }

  @Test
  void viewerNamesTheDefaultEntity() {
    Viewer viewer = client.viewer(CallControl.NONE);
    assertEquals(SERVER.server().data().viewerEntity(), viewer.defaultEntity());
    assertNotNull(viewer.username());
    assertEquals("wandb-jdbc-test", SERVER.server().requests().get(
        SERVER.server().requestCount() - 1).userAgent());
  }

  @Test
  void projectIsFoundOrAbsent() {
    Optional<ProjectNode> p = client.project(ENTITY, PROJECT, CallControl.NONE);
    assertEquals(PROJECT, p.orElseThrow().name());
    assertEquals(ENTITY, p.get().entityName());
    assertEquals(data().createdAt().truncatedTo(ChronoUnit.SECONDS),
        p.get().createdAt().truncatedTo(ChronoUnit.SECONDS));
    assertTrue(client.project(ENTITY, "absent", CallControl.NONE).isEmpty());
  }

  @Test
  void projectsArePagedWithCursors() {
    List<String> names = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      Page<ProjectNode> page = client.projects(ENTITY, cursor, 1, CallControl.NONE);
      page.items().forEach(p -> names.add(p.name()));
      cursor = page.hasNextPage() ? page.endCursor() : null;
      pages++;
    } while (cursor != null);
    assertEquals(Set.of(PROJECT, TestServerExtension.SMALL_PROJECT), Set.copyOf(names));
    assertEquals(2, names.size());
    assertTrue(pages >= 2);
  }

  @Test
  void runsPageHoldsOnlyTheSelectedFields() {
    RunSelection selection = new RunSelection(Set.of(RunField.STATE, RunField.TAGS),
        KeySelection.subset(List.of("lr")), KeySelection.NONE);
    Page<RunNode> page = client.runs(new RunsQuery(ENTITY, PROJECT, "{}", "+created_at", 7,
        null, selection, true), CallControl.NONE);
    assertEquals(data().runs().size(), page.total().getAsLong(), "runCount came along");
    assertEquals(7, page.items().size());
    assertTrue(page.hasNextPage());
    RunNode first = page.items().get(0);
    RunData expected = data().runs().stream()
        .min((a, b) -> a.createdAt().compareTo(b.createdAt()) != 0
            ? a.createdAt().compareTo(b.createdAt()) : Integer.compare(a.seq(), b.seq()))
        .orElseThrow();
    assertEquals(expected.name(), first.name());
    assertEquals(expected.state(), first.state());
    assertEquals(expected.tags(), first.tags());
    assertNull(first.displayName(), "not selected");
    assertNull(first.createdAt(), "not selected");
    assertNull(first.summary(), "not selected");
    List<String> configKeys = new ArrayList<>();
    first.config().fieldNames().forEachRemaining(configKeys::add);
    assertEquals(List.of("lr"), configKeys, "config(keys: [lr])");
  }

  @Test
  void runCountHonoursFilters() {
    long finished = data().runs().stream().filter(r -> "finished".equals(r.state())).count();
    assertEquals(finished, client.runCount(ENTITY, PROJECT, "{\"state\": \"finished\"}",
        CallControl.NONE));
    assertEquals(data().runs().size(), client.runCount(ENTITY, PROJECT, "{}", CallControl.NONE));
  }

  @Test
  void oneRunByIdOrNone() {
    RunData expected = data().runs().get(42);
    RunNode run = client.run(ENTITY, PROJECT, expected.name(), RunSelection.all(),
        CallControl.NONE).orElseThrow();
    assertEquals(expected.displayName(), run.displayName());
    assertEquals(expected.user().username(), run.username());
    assertEquals(expected.createdAt().truncatedTo(ChronoUnit.MILLIS),
        run.createdAt().truncatedTo(ChronoUnit.MILLIS));
    assertFalse(run.config().has("_wandb"), "internal keys are not config");
    assertTrue(client.run(ENTITY, PROJECT, "nosuchrun", RunSelection.all(), CallControl.NONE)
        .isEmpty());
  }

  @Test
  void aMissingProjectIsNotFound() {
    WandbApiException e = assertThrows(WandbApiException.class, () -> client.runCount(ENTITY,
        "absent", "{}", CallControl.NONE));
    assertEquals(WandbApiException.Kind.NOT_FOUND, e.kind());
    assertTrue(e.getMessage().contains("'absent'"), e.getMessage());
  }

  @Test
  void interruptingTheWaitingThreadAbortsItsRequestAtOnce() throws Exception {
    // How a result set closed early stops the reads it started ahead (PendingRead.cancel).
    SERVER.server().faults().enqueue(Fault.delayMillis(20_000).forOperation("RunCount"));
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread reader = new Thread(() -> {
      try {
        client.runCount(ENTITY, PROJECT, "{}", CallControl.NONE);
      } catch (Throwable t) {
        failure.set(t);
      }
    });
    reader.start();
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (SERVER.server().requestsInFlight() == 0 && System.nanoTime() < until) {
      Thread.sleep(5);
    }
    assertEquals(1, SERVER.server().requestsInFlight(), "the request is on the wire");
    long started = System.nanoTime();
    reader.interrupt();
    reader.join(5_000);
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    assertFalse(reader.isAlive());
    assertTrue(millis < 1_000, "aborted, not waited for W&B's answer: " + millis + " ms");
    WandbApiException e = assertInstanceOf(WandbApiException.class, failure.get());
    assertEquals(WandbApiException.Kind.CANCELLED, e.kind());
    SERVER.server().faults().clear();
  }
}
