package io.github.wandbjdbc.testserver.folders;

import io.github.wandbjdbc.testserver.data.ConfigData;
import io.github.wandbjdbc.testserver.data.EventsData;
import io.github.wandbjdbc.testserver.data.HistoryData;
import io.github.wandbjdbc.testserver.data.JsonLines;
import io.github.wandbjdbc.testserver.data.JsonValues;
import io.github.wandbjdbc.testserver.data.RunData;
import io.github.wandbjdbc.testserver.data.RunFile;
import io.github.wandbjdbc.testserver.data.StoredEvents;
import io.github.wandbjdbc.testserver.data.StoredHistory;
import io.github.wandbjdbc.testserver.data.UserData;
import io.github.wandbjdbc.testserver.data.WandbDateTime;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.TreeMap;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads one run folder as the wandb client writes it locally into a {@link RunData}.
 *
 * <p>Files are looked up under {@code files/} (clients ≥ 0.10) and then flat in the folder (older
 * clients): {@code config.yaml}, {@code wandb-summary.json}, {@code wandb-metadata.json},
 * {@code wandb-history.jsonl}, {@code wandb-events.jsonl}, {@code output.log}. An optional
 * {@code run.json} supplies run fields the client does not write locally; its keys are
 * {@value #RUN_JSON_KEYS_TEXT}.
 *
 * <p>Where each field comes from, first match wins:
 * <ul>
 *   <li>run id: {@code run.json id}; the folder name ({@code run-20210101_120000-<id>},
 *       {@code offline-run-…-<id>}, {@code run-<id>}); a {@code run-<id>.wandb} file in the folder.</li>
 *   <li>createdAt: {@code run.json}; metadata {@code startedAt}; the folder name's timestamp (read as
 *       UTC); the folder's modification time.</li>
 *   <li>state: {@code run.json}; metadata {@code state}; {@code finished}.</li>
 *   <li>displayName: {@code run.json}; metadata {@code name}; the run id.</li>
 *   <li>username: {@code run.json}; metadata {@code username}; the entity name (W&B's default entity
 *       of a user is the user). host, jobType, commit ({@code git.commit}), email: {@code run.json},
 *       then metadata.</li>
 *   <li>computeSeconds: {@code run.json}; summary {@code _wandb.runtime}; summary {@code _runtime};
 *       heartbeatAt − createdAt; 0. heartbeatAt: {@code run.json}; metadata; createdAt + runtime when a
 *       runtime is known; null. updatedAt: {@code run.json}; heartbeatAt; createdAt.</li>
 *   <li>history: {@code wandb-history.jsonl} (under {@code files/} or at the root, where newer
 *       folders hold it decoded from the {@code .wandb} log), filed by step as {@link #history}
 *       explains; historyKeys is computed from it. events: {@code wandb-events.jsonl};
 *       systemMetrics is its last row. files: see {@link #files}. logLineCount: lines of
 *       {@code output.log} (0 if absent).</li>
 * </ul>
 * Config values stay exactly as the file wraps them; JSON may hold bare NaN/Infinity; integers of
 * any size are kept. A folder whose files cannot be parsed is rejected with {@link UnreadableRunFolder}.
 */
public final class RunFolderReader {

  static final String RUN_JSON_KEYS_TEXT = "id, displayName, state, tags, group, jobType, sweepName, "
      + "commit, host, description, notes, createdAt, updatedAt, heartbeatAt, computeSeconds, stopped, "
      + "readOnly, username, email";
  private static final Set<String> RUN_JSON_KEYS = new TreeSet<>(List.of(RUN_JSON_KEYS_TEXT.split(", ")));
  private static final Pattern DATED_FOLDER = Pattern.compile("^(?:offline-)?run-(\\d{8}_\\d{6})-([A-Za-z0-9_-]+)$");
  private static final Pattern PLAIN_FOLDER = Pattern.compile("^run-([A-Za-z0-9_-]+)$");
  private static final Pattern WANDB_FILE = Pattern.compile("^run-([A-Za-z0-9_-]+)\\.wandb$");
  private static final DateTimeFormatter FOLDER_TIME = DateTimeFormatter.ofPattern("uuuuMMdd_HHmmss");
  private static final List<String> KNOWN_FILES = List.of(
      "config.yaml", "wandb-summary.json", "wandb-metadata.json", "wandb-history.jsonl");

  /** Why a folder cannot be served; the message is the reason shown in the load report. */
  static final class UnreadableRunFolder extends Exception {
    UnreadableRunFolder(String reason) {
      super(reason);
    }
  }

  private final JsonValues json;

  RunFolderReader(JsonValues json) {
    this.json = json;
  }

  /** Reads {@code folder}, which holds one run of {@code entity}/{@code project}; remarks go to {@code notes}. */
  RunData read(Path folder, String entity, String project, List<String> notes) throws UnreadableRunFolder {
    if (!Files.isDirectory(folder) || !Files.isReadable(folder)) {
      throw new UnreadableRunFolder("not a readable directory");
    }
    Map<String, Object> runJson = runJson(folder);
    Optional<Path> wandbFile = wandbFile(folder);
    if (runJson.isEmpty() && wandbFile.isEmpty() && KNOWN_FILES.stream().noneMatch(f -> find(folder, f).isPresent())) {
      throw new UnreadableRunFolder("not a W&B run folder: none of run.json, run-<id>.wandb, " + String.join(", ", KNOWN_FILES));
    }
    Map<String, Object> config = objectFile(folder, "config.yaml", true);
    Map<String, Object> summary = objectFile(folder, "wandb-summary.json", false);
    Map<String, Object> metadata = objectFile(folder, "wandb-metadata.json", false);
    String runId = runId(folder, runJson, wandbFile);

    Instant createdAt = instant(runJson, "createdAt", "run.json")
        .or(() -> metadataInstant(metadata, "startedAt"))
        .or(() -> folderTime(folder.getFileName().toString()))
        .orElseGet(() -> {
          notes.add("createdAt from the folder's modification time");
          return modificationTime(folder);
        });
    Optional<Double> runtime = runtime(summary);
    Instant heartbeatAt = instant(runJson, "heartbeatAt", "run.json")
        .or(() -> metadataInstant(metadata, "heartbeatAt"))
        .or(() -> runtime.map(seconds -> createdAt.plusMillis(Math.round(seconds * 1000))))
        .orElse(null);
    long computeSeconds = number(runJson, "computeSeconds").map(Number::longValue)
        .or(() -> runtime.map(Double::longValue))
        .orElse(heartbeatAt == null ? 0L : Math.max(0L, Duration.between(createdAt, heartbeatAt).getSeconds()));
    String state = text(runJson, "state").or(() -> text(metadata, "state")).orElse("finished");
    String username = text(runJson, "username").or(() -> text(metadata, "username")).orElse(entity);
    String email = text(runJson, "email").or(() -> text(metadata, "email")).orElse(null);
    String notesText = text(runJson, "notes").orElse(null);

    Lines log = lines(folder, "output.log");
    HistoryData history = history(lines(folder, "wandb-history.jsonl"), notes);
    EventsData events = events(lines(folder, "wandb-events.jsonl"), notes);
    List<Map<String, Object>> eventRows = events.rows();
    Map<String, Object> systemMetrics = eventRows.isEmpty() ? Map.of() : eventRows.get(eventRows.size() - 1);
    Instant updatedAt = instant(runJson, "updatedAt", "run.json").orElse(heartbeatAt != null ? heartbeatAt : createdAt);

    return RunData.builder()
        .entityName(entity)
        .projectName(project)
        .name(runId)
        .displayName(text(runJson, "displayName").or(() -> text(metadata, "name")).orElse(runId))
        .state(state)
        .tags(tags(runJson))
        .group(text(runJson, "group").orElse(null))
        .jobType(text(runJson, "jobType").or(() -> text(metadata, "jobType")).orElse(null))
        .sweepName(text(runJson, "sweepName").orElse(null))
        .commit(text(runJson, "commit").or(() -> gitCommit(metadata)).orElse(null))
        .host(text(runJson, "host").or(() -> text(metadata, "host")).orElse(null))
        .notes(notesText)
        .description(text(runJson, "description").orElse(notesText))
        .readOnly(bool(runJson, "readOnly").orElse(false))
        .createdAt(createdAt)
        .heartbeatAt(heartbeatAt)
        .updatedAt(updatedAt)
        .stopped(bool(runJson, "stopped").orElse(state.equals("killed")))
        .computeSeconds(computeSeconds)
        .user(new UserData(username, username, email))
        .config(ConfigData.fromWrapped(config))
        .summary(summary)
        .systemMetrics(systemMetrics)
        .history(history)
        .events(events)
        .logLineCount(log.count())
        .files(files(folder, updatedAt))
        .source(folder.toString())
        .build();
  }

  private Map<String, Object> runJson(Path folder) throws UnreadableRunFolder {
    Path file = folder.resolve("run.json");
    if (!Files.isRegularFile(file)) {
      return Map.of();
    }
    Map<String, Object> runJson = parseObjectFile(file, false);
    for (String key : runJson.keySet()) {
      if (!RUN_JSON_KEYS.contains(key)) {
        throw new UnreadableRunFolder("run.json: unknown key '" + key + "' (known: " + RUN_JSON_KEYS_TEXT + ")");
      }
    }
    for (String key : List.of("createdAt", "updatedAt", "heartbeatAt")) {
      instant(runJson, key, "run.json"); // validates early so the reason names the key
    }
    Object tags = runJson.get("tags");
    if (tags != null && !(tags instanceof List<?> list && list.stream().allMatch(t -> t instanceof String))) {
      throw new UnreadableRunFolder("run.json: tags must be a list of strings");
    }
    return runJson;
  }

  private static String runId(Path folder, Map<String, Object> runJson, Optional<Path> wandbFile)
      throws UnreadableRunFolder {
    Optional<String> fromJson = text(runJson, "id");
    if (fromJson.isPresent()) {
      return fromJson.get();
    }
    String folderName = folder.getFileName().toString();
    Matcher dated = DATED_FOLDER.matcher(folderName);
    if (dated.matches()) {
      return dated.group(2);
    }
    Matcher plain = PLAIN_FOLDER.matcher(folderName);
    if (plain.matches()) {
      return plain.group(1);
    }
    if (wandbFile.isPresent()) {
      Matcher file = WANDB_FILE.matcher(wandbFile.get().getFileName().toString());
      if (file.matches()) {
        return file.group(1);
      }
    }
    throw new UnreadableRunFolder("cannot tell the run id: no 'id' in run.json, folder name is not "
        + "run-<yyyyMMdd_HHmmss>-<id> / offline-run-…-<id> / run-<id>, and no run-<id>.wandb file");
  }

  private static Optional<Path> wandbFile(Path folder) throws UnreadableRunFolder {
    try (Stream<Path> files = Files.list(folder)) {
      List<Path> matches = files.filter(f -> WANDB_FILE.matcher(f.getFileName().toString()).matches())
          .sorted().toList();
      if (matches.size() > 1) {
        throw new UnreadableRunFolder("several run-<id>.wandb files: " + matches.stream()
            .map(p -> p.getFileName().toString()).toList());
      }
      return matches.stream().findFirst();
    } catch (IOException e) {
      throw new UnreadableRunFolder("cannot list the folder: " + e);
    }
  }

  private static Optional<Instant> folderTime(String folderName) {
    Matcher dated = DATED_FOLDER.matcher(folderName);
    if (!dated.matches()) {
      return Optional.empty();
    }
    // The client names folders in its local time zone, which is unknown here; UTC is the best guess.
    return Optional.of(LocalDateTime.parse(dated.group(1), FOLDER_TIME).toInstant(ZoneOffset.UTC));
  }

  private static Instant modificationTime(Path folder) {
    try {
      return Files.getLastModifiedTime(folder).toInstant().truncatedTo(ChronoUnit.SECONDS);
    } catch (IOException e) {
      return Instant.EPOCH;
    }
  }

  /** The run's runtime in seconds from the summary: {@code _wandb.runtime}, else {@code _runtime}. */
  private static Optional<Double> runtime(Map<String, Object> summary) {
    if (summary.get("_wandb") instanceof Map<?, ?> wandb && wandb.get("runtime") instanceof Number n
        && Double.isFinite(n.doubleValue())) {
      return Optional.of(n.doubleValue());
    }
    if (summary.get("_runtime") instanceof Number n && Double.isFinite(n.doubleValue())) {
      return Optional.of(n.doubleValue());
    }
    return Optional.empty();
  }

  private static Optional<String> gitCommit(Map<String, Object> metadata) {
    return metadata.get("git") instanceof Map<?, ?> git && git.get("commit") instanceof String commit
        ? Optional.of(commit) : Optional.empty();
  }

  private static List<String> tags(Map<String, Object> runJson) {
    List<String> tags = new ArrayList<>();
    if (runJson.get("tags") instanceof List<?> list) {
      list.forEach(t -> tags.add((String) t));
    }
    return tags;
  }

  private Map<String, Object> objectFile(Path folder, String name, boolean yaml) throws UnreadableRunFolder {
    Optional<Path> file = find(folder, name);
    return file.isEmpty() ? Map.of() : parseObjectFile(file.get(), yaml);
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> parseObjectFile(Path file, boolean yaml) throws UnreadableRunFolder {
    String name = file.getFileName().toString();
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      Object value = yaml ? json.parseYaml(text) : json.parseJson(text);
      if (value == null) {
        return Map.of(); // an empty file: the client had nothing to write yet
      }
      if (!(value instanceof Map<?, ?>)) {
        throw new UnreadableRunFolder(name + ": the top level is not an object");
      }
      return (Map<String, Object>) value;
    } catch (IOException | RuntimeException e) {
      throw new UnreadableRunFolder(name + ": " + firstLine(e.getMessage()));
    }
  }

  @SuppressWarnings("unchecked")
  private Optional<Map<String, Object>> parseObject(String line) {
    try {
      return json.parseJson(line) instanceof Map<?, ?> map ? Optional.of((Map<String, Object>) map) : Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static Optional<Path> find(Path folder, String name) {
    Path nested = folder.resolve("files").resolve(name);
    if (Files.isRegularFile(nested)) {
      return Optional.of(nested);
    }
    Path flat = folder.resolve(name);
    return Files.isRegularFile(flat) ? Optional.of(flat) : Optional.empty();
  }

  /** A text file's lines, read leniently (logs hold carriage returns and arbitrary bytes). */
  private record Lines(int count, List<String> nonBlank) {
  }

  private static Lines lines(Path folder, String name) throws UnreadableRunFolder {
    Optional<Path> file = find(folder, name);
    if (file.isEmpty()) {
      return new Lines(0, List.of());
    }
    try {
      String text = new String(Files.readAllBytes(file.get()), StandardCharsets.UTF_8);
      String[] split = text.split("\n", -1);
      int count = text.isEmpty() ? 0 : text.endsWith("\n") ? split.length - 1 : split.length;
      List<String> nonBlank = new ArrayList<>();
      for (String line : split) {
        if (!line.isBlank()) {
          nonBlank.add(line);
        }
      }
      return new Lines(count, nonBlank);
    } catch (IOException e) {
      throw new UnreadableRunFolder(name + ": " + e);
    }
  }

  /**
   * The history rows, filed by step. A row's step is its {@code _step} when that is an integral
   * number (floats such as {@code 12.0} included, any size); a row without one, or with a
   * fractional or non-numeric one, gets the step after the previous row's, as the client numbered
   * rows. When several rows claim the same step the last one in the file wins (W&B's {@code _step}
   * is unique per run; the earlier rows are dropped and counted in a note). Lines that are not
   * JSON objects are dropped and counted too. Rows are kept as their text and parsed when read.
   */
  private HistoryData history(Lines lines, List<String> notes) {
    TreeMap<Long, String> byStep = new TreeMap<>();
    long next = 0;
    int unparseable = 0;
    int replaced = 0;
    int renumbered = 0;
    for (String line : lines.nonBlank()) {
      Optional<Map<String, Object>> row = parseObject(line);
      if (row.isEmpty()) {
        unparseable++;
        continue;
      }
      Optional<Long> explicit = integralStep(row.get().get("_step"));
      long step = explicit.orElse(next);
      renumbered += explicit.isEmpty() ? 1 : 0;
      replaced += byStep.put(step, line) == null ? 0 : 1;
      next = step + 1;
    }
    if (unparseable > 0) {
      notes.add(unparseable + " history line(s) are not JSON objects; dropped");
    }
    if (replaced > 0) {
      notes.add(replaced + " history row(s) repeated an earlier step; the last row of each step kept");
    }
    if (renumbered > 0) {
      notes.add(renumbered + " history row(s) without an integral _step numbered after the previous row");
    }
    long[] steps = byStep.keySet().stream().mapToLong(Long::longValue).toArray();
    return new StoredHistory(steps, new JsonLines(new ArrayList<>(byStep.values()), json));
  }

  private static Optional<Long> integralStep(Object value) {
    if (value instanceof Long l) {
      return Optional.of(l);
    }
    if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 0x1p63) {
      return Optional.of(d.longValue());
    }
    return Optional.empty(); // missing, fractional, NaN, beyond long, or not a number
  }

  /** The system-metric rows: every line that is a JSON object, in file order. */
  private EventsData events(Lines lines, List<String> notes) {
    List<String> rows = lines.nonBlank().stream().filter(l -> parseObject(l).isPresent()).toList();
    if (rows.size() < lines.nonBlank().size()) {
      notes.add((lines.nonBlank().size() - rows.size()) + " events line(s) are not JSON objects; dropped");
    }
    return new StoredEvents(new JsonLines(rows, json));
  }

  /**
   * The run's files: everything under {@code files/} (clients ≥ 0.10; the folder root then holds
   * the client's own logs and the binary {@code .wandb} log), else everything in the folder except
   * {@code run.json} and {@code *.wandb} (older clients wrote run files flat). Names use {@code /};
   * md5 is computed from the content; updatedAt is the run's.
   */
  private static List<RunFile> files(Path folder, Instant updatedAt) throws UnreadableRunFolder {
    Path nested = folder.resolve("files");
    boolean flat = !Files.isDirectory(nested);
    Path root = flat ? folder : nested;
    try (Stream<Path> files = Files.walk(root)) {
      List<RunFile> result = new ArrayList<>();
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        String name = root.relativize(file).toString().replace(java.io.File.separatorChar, '/');
        if (flat && (name.equals("run.json") || name.endsWith(".wandb"))) {
          continue;
        }
        result.add(new RunFile(name, Files.size(file), md5(file), RunFile.mimetypeOf(name), updatedAt));
      }
      return result;
    } catch (IOException | RuntimeException e) {
      throw new UnreadableRunFolder("cannot list the folder's files: " + e);
    }
  }

  private static String md5(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("MD5");
      byte[] buffer = new byte[64 * 1024];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
      return Base64.getEncoder().encodeToString(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is required on every JVM", e);
    }
  }

  private static Optional<String> text(Map<String, Object> map, String key) {
    return map.get(key) instanceof String s && !s.isEmpty() ? Optional.of(s) : Optional.empty();
  }

  private static Optional<Number> number(Map<String, Object> map, String key) {
    return map.get(key) instanceof Number n ? Optional.of(n) : Optional.empty();
  }

  private static Optional<Boolean> bool(Map<String, Object> map, String key) {
    return map.get(key) instanceof Boolean b ? Optional.of(b) : Optional.empty();
  }

  private static Optional<Instant> metadataInstant(Map<String, Object> metadata, String key) {
    return text(metadata, key).flatMap(WandbDateTime::parse);
  }

  private static Optional<Instant> instant(Map<String, Object> map, String key, String file)
      throws UnreadableRunFolder {
    Object value = map.get(key);
    if (value == null) {
      return Optional.empty();
    }
    Optional<Instant> parsed = value instanceof String s ? WandbDateTime.parse(s) : Optional.empty();
    if (parsed.isEmpty()) {
      throw new UnreadableRunFolder(file + ": " + key + " is not an ISO-8601 date-time: " + value);
    }
    return parsed;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
