package io.github.wandbjdbc.testserver.data;

import io.github.wandbjdbc.testserver.semantics.RunOrder;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One run exactly as the test server serves it. Driver tests compare SQL results with these values.
 *
 * @param entityName       the entity (user or team) owning the project
 * @param projectName      the project
 * @param seq              the run's position in its project's creation order (1-based, unique per
 *                         project); the server's tie-breaker for every order, see {@link RunOrder}
 * @param name             the run id users see in URLs ({@code Run.name})
 * @param displayName      the human-readable name
 * @param tags             never null (a run without tags has an empty list)
 * @param computeSeconds   {@code Run.computeSeconds}; also what the {@code duration} filter key compares
 * @param config           wrapped (served) and unwrapped (filtered) config
 * @param summary          {@code Run.summaryMetrics}, unwrapped as W&B keeps it; may hold NaN/±Infinity
 * @param systemMetrics    {@code Run.systemMetrics}: the latest system metrics
 * @param historyKeys      {@code Run.historyKeys}: {@code {"lastStep": n, "keys": {key: {"typeCounts": […]}}}};
 *                         computed from {@code history} unless given
 * @param history          the metric history ({@code Run.history}, {@code sampledHistory}); never null
 * @param events           the system-metric rows ({@code Run.events}); never null
 * @param files            the run's files in name order ({@code Run.files}); never null
 * @param source           where the run came from: {@code generated} or the run folder's path
 */
public record RunData(
    String entityName,
    String projectName,
    int seq,
    String name,
    String displayName,
    String state,
    List<String> tags,
    String group,
    String jobType,
    String sweepName,
    String commit,
    String host,
    String description,
    String notes,
    boolean readOnly,
    Instant createdAt,
    Instant updatedAt,
    Instant heartbeatAt,
    boolean stopped,
    long computeSeconds,
    UserData user,
    ConfigData config,
    Map<String, Object> summary,
    Map<String, Object> systemMetrics,
    Map<String, Object> historyKeys,
    HistoryData history,
    EventsData events,
    List<RunFile> files,
    long logLineCount,
    String source) {

  public RunData {
    Objects.requireNonNull(entityName, "entityName");
    Objects.requireNonNull(projectName, "projectName");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(createdAt, "createdAt");
    tags = List.copyOf(tags == null ? List.of() : tags);
    config = config == null ? ConfigData.EMPTY : config;
    summary = JsonValues.deepCopyMap(summary == null ? Map.of() : summary);
    systemMetrics = JsonValues.deepCopyMap(systemMetrics == null ? Map.of() : systemMetrics);
    history = history == null ? HistoryData.empty() : history;
    events = events == null ? EventsData.empty() : events;
    files = files == null ? List.of() : files.stream().sorted(Comparator.comparing(RunFile::name)).toList();
    // Computed once from the rows when not given, so historyKeys always agrees with history.
    historyKeys = JsonValues.deepCopyMap(historyKeys == null ? history.historyKeys() : historyKeys);
  }

  /** {@code Run.historyLineCount}: the number of history rows. */
  public long historyLineCount() {
    return history.rowCount();
  }

  /** {@code Run.eventsLineCount}: the number of system-metric rows. */
  public long eventsLineCount() {
    return events.rowCount();
  }

  /** {@code Run.fileCount}: the number of files. */
  public int fileCount() {
    return files.size();
  }

  /** The opaque storage id W&B serves as {@code Run.id}: base64 of {@code Run:v1:<name>:<project>:<entity>}. */
  public String id() {
    String raw = "Run:v1:" + name + ":" + projectName + ":" + entityName;
    return Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  /** {@code <entity>/<project>/<name>}, for messages and reports. */
  public String path() {
    return entityName + "/" + projectName + "/" + name;
  }

  public RunData withSeq(int newSeq) {
    return toBuilder().seq(newSeq).build();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds runs field by field; the generator and the folder loader fill different subsets. */
  public static final class Builder {
    private String entityName;
    private String projectName;
    private int seq;
    private String name;
    private String displayName;
    private String state;
    private List<String> tags = List.of();
    private String group;
    private String jobType;
    private String sweepName;
    private String commit;
    private String host;
    private String description;
    private String notes;
    private boolean readOnly;
    private Instant createdAt;
    private Instant updatedAt;
    private Instant heartbeatAt;
    private boolean stopped;
    private long computeSeconds;
    private UserData user;
    private ConfigData config = ConfigData.EMPTY;
    private Map<String, Object> summary = Map.of();
    private Map<String, Object> systemMetrics = Map.of();
    private Map<String, Object> historyKeys;
    private HistoryData history;
    private EventsData events;
    private List<RunFile> files;
    private long logLineCount;
    private String source = "generated";

    private Builder() {
    }

    private Builder(RunData run) {
      entityName = run.entityName;
      projectName = run.projectName;
      seq = run.seq;
      name = run.name;
      displayName = run.displayName;
      state = run.state;
      tags = run.tags;
      group = run.group;
      jobType = run.jobType;
      sweepName = run.sweepName;
      commit = run.commit;
      host = run.host;
      description = run.description;
      notes = run.notes;
      readOnly = run.readOnly;
      createdAt = run.createdAt;
      updatedAt = run.updatedAt;
      heartbeatAt = run.heartbeatAt;
      stopped = run.stopped;
      computeSeconds = run.computeSeconds;
      user = run.user;
      config = run.config;
      summary = run.summary;
      systemMetrics = run.systemMetrics;
      historyKeys = run.historyKeys;
      history = run.history;
      events = run.events;
      files = run.files;
      logLineCount = run.logLineCount;
      source = run.source;
    }

    public Builder entityName(String value) { entityName = value; return this; }
    public Builder projectName(String value) { projectName = value; return this; }
    public Builder seq(int value) { seq = value; return this; }
    public Builder name(String value) { name = value; return this; }
    public Builder displayName(String value) { displayName = value; return this; }
    public Builder state(String value) { state = value; return this; }
    public Builder tags(List<String> value) { tags = value; return this; }
    public Builder group(String value) { group = value; return this; }
    public Builder jobType(String value) { jobType = value; return this; }
    public Builder sweepName(String value) { sweepName = value; return this; }
    public Builder commit(String value) { commit = value; return this; }
    public Builder host(String value) { host = value; return this; }
    public Builder description(String value) { description = value; return this; }
    public Builder notes(String value) { notes = value; return this; }
    public Builder readOnly(boolean value) { readOnly = value; return this; }
    public Builder createdAt(Instant value) { createdAt = value; return this; }
    public Builder updatedAt(Instant value) { updatedAt = value; return this; }
    public Builder heartbeatAt(Instant value) { heartbeatAt = value; return this; }
    public Builder stopped(boolean value) { stopped = value; return this; }
    public Builder computeSeconds(long value) { computeSeconds = value; return this; }
    public Builder user(UserData value) { user = value; return this; }
    public Builder config(ConfigData value) { config = value; return this; }
    public Builder summary(Map<String, Object> value) { summary = value; return this; }
    public Builder systemMetrics(Map<String, Object> value) { systemMetrics = value; return this; }
    /** Normally left unset: it is then computed from {@link #history}. */
    public Builder historyKeys(Map<String, Object> value) { historyKeys = value; return this; }
    /** Setting the history forgets historyKeys given before, so the two cannot disagree. */
    public Builder history(HistoryData value) { history = value; historyKeys = null; return this; }
    public Builder events(EventsData value) { events = value; return this; }
    public Builder files(List<RunFile> value) { files = value; return this; }
    public Builder logLineCount(long value) { logLineCount = value; return this; }
    public Builder source(String value) { source = value; return this; }

    public String name() { return name; }

    public RunData build() {
      return new RunData(entityName, projectName, seq, name, displayName, state, tags, group, jobType,
          sweepName, commit, host, description, notes, readOnly, createdAt, updatedAt, heartbeatAt,
          stopped, computeSeconds, user, config, summary, systemMetrics, historyKeys, history, events,
          files, logLineCount, source);
    }
  }
}
