package io.github.wandbjdbc.testserver.folders;

import io.github.wandbjdbc.testserver.data.JsonValues;
import io.github.wandbjdbc.testserver.data.RunData;
import io.github.wandbjdbc.testserver.data.ServerData;
import io.github.wandbjdbc.testserver.data.TestRuns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the fixture run folders, which imitate what the wandb client 0.8 … 0.27 writes locally. */
public class RunFolderLoaderTest {

  public static final Path FIXTURES = fixtures();

  private final ServerData.Assembler assembler = ServerData.assembler(ServerData.DEFAULT_VIEWER);
  private final LoadReport report = new RunFolderLoader(new JsonValues()).load(List.of(FIXTURES), assembler);
  private final ServerData data = assembler.build();

  static Path fixtures() {
    try {
      return Path.of(Objects.requireNonNull(RunFolderLoaderTest.class.getResource("rundata")).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void readableFoldersLoadAndUnreadableOnesAreReportedWithTheirReason() {
    // Folders are visited in name order: offline-run-… before run-…, annotated before latest-run.
    assertEquals(List.of("acme/legacy-vision/offl0002", "acme/legacy-vision/flat0001",
            "acme/modern-llm/json0007", "acme/modern-llm/late0006", "acme/modern-llm/core0004", "acme/modern-llm/nodate05"),
        report.loaded().stream().map(LoadReport.Entry::runPath).toList());
    Map<String, String> skipped = report.skipped().stream()
        .collect(Collectors.toMap(e -> e.folder().getFileName().toString(), LoadReport.Entry::detail));
    assertEquals(3, skipped.size(), skipped.toString());
    assertTrue(skipped.get("run-20200101_000000-brkn0003").startsWith("wandb-summary.json: "), skipped.toString());
    assertTrue(skipped.get("not-a-run").startsWith("not a W&B run folder"), skipped.toString());
    assertTrue(skipped.get("run-json-typo").contains("unknown key 'tag'"), skipped.toString());
    assertTrue(report.format().contains("loaded 6 run folder(s), skipped 3"));
    assertTrue(report.format().contains("brkn0003"));
  }

  @Test
  void projectsAndRunsAreServedInCreationOrder() {
    assertEquals(List.of("acme/legacy-vision", "acme/modern-llm"), data.projectPaths());
    assertEquals("acme", data.viewerEntity());
    assertEquals(List.of("flat0001", "offl0002"), names("legacy-vision"));
    assertEquals(List.of("core0004", "json0007", "nodate05", "late0006"), names("modern-llm"));
    assertFalse(data.entity("acme").orElseThrow().isTeam());
  }

  @Test
  void flatPre010Folder() {
    RunData run = run("legacy-vision", "flat0001");
    assertEquals("clever-otter-1", run.displayName());
    assertEquals("finished", run.state());
    assertEquals("train", run.jobType());
    assertEquals("DESKTOP-FLAT", run.host());
    assertEquals("pablo", run.user().username());
    assertEquals("user@example.com", run.user().email());
    assertEquals("b9763d382d2ce587689a3aae0243387267a049e2", run.commit());
    assertEquals(Instant.parse("2019-12-30T13:31:06.786978Z"), run.createdAt());
    assertEquals(Instant.parse("2019-12-30T13:35:48.320489Z"), run.heartbeatAt());
    assertEquals(12, run.computeSeconds(), "from _runtime 12.5");
    // config stays wrapped exactly as the file has it, wandb_version included
    Map<String, Object> wrapped = run.config().wrapped();
    assertEquals(1L, wrapped.get("wandb_version"));
    assertEquals(TestRuns.map("desc", "Size of each mini-batch", "value", 128L), wrapped.get("batch_size"));
    assertEquals(TestRuns.map("desc", null, "value", 0.005), wrapped.get("lr"));
    Map<String, Object> values = run.config().values();
    assertEquals(0.005, values.get("lr"));
    assertEquals(List.of(64L, 128L), values.get("layers"));
    assertTrue(((Double) values.get("weight_decay")).isNaN(), "YAML .nan");
    assertEquals("0.8.19", ((Map<?, ?>) values.get("_wandb")).get("cli_version"));
    // summary: bare NaN/Infinity, keys with space, dot and slash, media, big integers
    Map<String, Object> summary = run.summary();
    assertTrue(((Double) summary.get("loss")).isNaN());
    assertEquals(Double.POSITIVE_INFINITY, summary.get("val loss"));
    assertEquals(Double.NEGATIVE_INFINITY, summary.get("train.acc"));
    assertEquals(0.91, summary.get("val/acc"));
    assertEquals(4294967296L, summary.get("big_counter"));
    assertEquals(new BigInteger("123456789012345678901234"), summary.get("huge_id"));
    assertEquals("graph", ((Map<?, ?>) summary.get("graph")).get("_type"));
    // history, events, log
    assertEquals(3, run.historyLineCount());
    assertEquals(2L, run.historyKeys().get("lastStep"));
    Map<?, ?> keys = (Map<?, ?>) run.historyKeys().get("keys");
    assertEquals(List.of(Map.of("type", "number", "count", 3L)), ((Map<?, ?>) keys.get("loss")).get("typeCounts"));
    assertEquals(List.of(Map.of("type", "histogram", "count", 1L)), ((Map<?, ?>) keys.get("weights")).get("typeCounts"));
    assertEquals(List.of(Map.of("type", "string", "count", 1L)), ((Map<?, ?>) keys.get("note")).get("typeCounts"));
    assertEquals(2, run.eventsLineCount());
    assertEquals(97.5, run.systemMetrics().get("system.cpu"));
    assertEquals(4, run.logLineCount());
    assertEquals(6, run.fileCount());
  }

  @Test
  void offlineFolderWithFilesLayout() {
    RunData run = run("legacy-vision", "offl0002");
    assertEquals("running", run.state());
    assertEquals("vanpelt", run.user().username());
    assertEquals(Instant.parse("2021-02-16T23:44:07.003488Z"), run.createdAt());
    assertTrue(run.summary().isEmpty());
    assertEquals(1L, run.config().wrapped().get("wandb_version"));
    Map<?, ?> telemetry = (Map<?, ?>) ((Map<?, ?>) run.config().values().get("_wandb")).get("t");
    assertEquals("3.7.5", telemetry.get("4"), "YAML integer keys become string keys");
    assertEquals(0, run.historyLineCount());
    assertEquals(3, run.fileCount(), "the .wandb log is not a run file");
  }

  @Test
  void wandbCoreFolderFallsBackSensibly() {
    RunData run = run("modern-llm", "core0004");
    assertEquals(Instant.parse("2025-03-17T14:40:40.809363Z"), run.createdAt());
    assertEquals("finished", run.state(), "no state written by wandb-core: default");
    assertEquals("core0004", run.displayName(), "no name anywhere: the run id");
    assertEquals("acme", run.user().username(), "no username: the entity");
    assertEquals("gpu-box", run.host());
    assertEquals("0123456789abcdef0123456789abcdef01234567", run.commit());
    assertEquals(42, run.computeSeconds(), "from _wandb.runtime");
    assertEquals(run.createdAt().plusSeconds(42), run.heartbeatAt());
    Map<String, Object> wrapped = run.config().wrapped();
    assertFalse(wrapped.containsKey("wandb_version"));
    assertEquals(Map.of("value", 0.0003), wrapped.get("optimizer/lr"));
    assertEquals(Map.of("value", "/datasets/wiki"), wrapped.get("data.path"));
    assertEquals(Map.of("value", 500L), wrapped.get("warmup steps"));
    assertEquals(9007199254740993L, run.config().values().get("max_tokens"), "exact beyond 2^53");
    assertEquals(768L, ((Map<?, ?>) ((Map<?, ?>) run.config().values().get("model")).get("dims")).get("hidden"));
    assertEquals(1.7422224428691385e+09, run.summary().get("_timestamp"));
    assertEquals("table-file", ((Map<?, ?>) run.summary().get("samples")).get("_type"));
    assertEquals(4, run.historyLineCount(), "history at the folder root, decoded from the .wandb log");
    assertEquals(3L, run.historyKeys().get("lastStep"));
    assertEquals(2, run.logLineCount());
  }

  @Test
  void runIdsFromFolderNamesAndWandbFiles() {
    RunData noDate = run("modern-llm", "nodate05");
    assertEquals(Instant.parse("2025-06-01T08:00:00Z"), noDate.createdAt());
    assertEquals(3, noDate.computeSeconds());
    RunData latest = run("modern-llm", "late0006");
    assertEquals(Instant.parse("2025-06-02T09:30:00.500Z"), latest.createdAt());
    assertEquals("ci", latest.user().username());
    assertNull(latest.heartbeatAt(), "no heartbeat and no runtime known");
    assertEquals(latest.createdAt(), latest.updatedAt());
  }

  @Test
  void runJsonOverridesWhatTheClientWrote() {
    RunData run = run("modern-llm", "json0007");
    assertEquals("annotated-run", run.displayName());
    assertEquals("crashed", run.state());
    assertEquals(List.of("baseline", "needs review"), run.tags());
    assertEquals("ablation", run.group());
    assertEquals("eval", run.jobType());
    assertEquals("swp00001", run.sweepName());
    assertEquals(Instant.parse("2025-05-01T10:00:00Z"), run.createdAt());
    assertEquals(Instant.parse("2025-05-01T10:02:00.250Z"), run.heartbeatAt());
    assertEquals(120, run.computeSeconds());
    assertEquals("first line\nsecond \"quoted\" line", run.notes());
    assertEquals(run.notes(), run.description());
    assertEquals("erin", run.user().username());
    assertEquals("box-7", run.host());
  }

  @Test
  void missingDataDirectoryAndDuplicateRunsAreReportedNotFatal(@TempDir Path empty) {
    ServerData.Assembler twice = ServerData.assembler(ServerData.DEFAULT_VIEWER);
    Path missing = empty.resolve("does-not-exist");
    LoadReport second = new RunFolderLoader(new JsonValues()).load(List.of(missing, FIXTURES, FIXTURES), twice);
    assertEquals(6, second.loaded().size());
    assertTrue(second.skipped().stream().anyMatch(e -> e.folder().equals(missing) && e.detail().contains("does not exist")));
    assertEquals(6, second.skipped().stream().filter(e -> e.detail().contains("already served")).count());
    assertEquals(6, twice.build().runs().count());
  }

  @Test
  void emptyProjectFolderIsStillAProject(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("team/empty-project"));
    Files.writeString(dir.resolve("team/NOTES.txt"), "ignored");
    ServerData.Assembler assembler = ServerData.assembler(ServerData.DEFAULT_VIEWER);
    LoadReport result = new RunFolderLoader(new JsonValues()).load(List.of(dir), assembler);
    assertTrue(result.entries().isEmpty());
    assertEquals(List.of("team/empty-project"), assembler.build().projectPaths());
  }

  private RunData run(String project, String name) {
    return data.project("acme", project).run(name).orElseThrow();
  }

  private List<String> names(String project) {
    return data.project("acme", project).runs().stream().map(RunData::name).toList();
  }
}
