package io.github.wandbjdbc.testserver.folders;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What loading run folders ({@code --data}) did: one entry per folder looked at, loaded or skipped,
 * with the reason for every skip. Loading never fails as a whole because of one folder.
 */
public record LoadReport(List<Entry> entries) {

  public static final LoadReport EMPTY = new LoadReport(List.of());

  public enum Outcome { LOADED, SKIPPED }

  /**
   * @param folder  the run folder (or data directory) concerned
   * @param runPath {@code entity/project/run} for loaded runs, null for skipped ones
   * @param detail  why it was skipped, or remarks on a loaded run (fallbacks used); may be empty
   */
  public record Entry(Path folder, Outcome outcome, String runPath, String detail) {
    public Entry {
      Objects.requireNonNull(folder, "folder");
      Objects.requireNonNull(outcome, "outcome");
      detail = detail == null ? "" : detail;
    }
  }

  public LoadReport {
    entries = List.copyOf(entries);
  }

  public List<Entry> loaded() {
    return entries.stream().filter(e -> e.outcome() == Outcome.LOADED).toList();
  }

  public List<Entry> skipped() {
    return entries.stream().filter(e -> e.outcome() == Outcome.SKIPPED).toList();
  }

  /** A human-readable summary: counts, one line per skipped folder with its reason, then remarks on loaded runs. */
  public String format() {
    StringBuilder text = new StringBuilder()
        .append("loaded ").append(loaded().size()).append(" run folder(s), skipped ")
        .append(skipped().size());
    for (Entry entry : skipped()) {
      text.append(System.lineSeparator()).append("  SKIPPED ").append(entry.folder()).append(": ")
          .append(entry.detail());
    }
    for (Entry entry : loaded()) {
      if (!entry.detail().isEmpty()) {
        text.append(System.lineSeparator()).append("  NOTE ").append(entry.runPath()).append(": ")
            .append(entry.detail());
      }
    }
    return text.toString();
  }
}
