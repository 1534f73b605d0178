package io.github.wandbjdbc.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The layout docs/ARCHITECTURE.md describes, checked on the sources: dependencies run one way
 * ({@code shell → jdbc → calcite → calcite.hinted → calcite.runs → calcite.common → source →
 * pushdown → columns}, {@code source → client → model}, {@code source.exports → source, parquet}),
 * no package cycle, and no package or class grows past the size at which it stops saying one
 * thing.
 */
class LayoutTest {
  /** What each package may use; anything else is an upward or sideways import. */
  private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
      Map.entry("model", Set.of()),
      Map.entry("parquet", Set.of()),
      Map.entry("client", Set.of("model")),
      Map.entry("columns", Set.of("model")),
      Map.entry("pushdown", Set.of("columns", "model")),
      Map.entry("source", Set.of("parquet", "pushdown", "columns", "client", "model")),
      Map.entry("source.exports", Set.of("source", "parquet", "client", "model")),
      Map.entry("calcite.common", Set.of("source", "pushdown", "columns", "client", "model")),
      Map.entry("calcite.runs",
          Set.of("calcite.common", "source", "pushdown", "columns", "client", "model")),
      Map.entry("calcite.hinted", Set.of("calcite.runs", "calcite.common", "source", "pushdown",
          "columns", "client", "model")),
      Map.entry("calcite", Set.of("calcite.hinted", "calcite.runs", "calcite.common", "source",
          "pushdown", "columns", "client", "model")),
      Map.entry("jdbc", Set.of("calcite", "calcite.hinted", "calcite.runs", "calcite.common",
          "source.exports", "source", "pushdown", "columns", "client", "model")),
      Map.entry("shell", Set.of("jdbc")));
  private static final int MAX_FILES_PER_PACKAGE = 25;
  private static final double MAX_SHARE_OF_LINES = 0.25;
  private static final int MAX_CLASS_LINES = 400;

  private static final PackageGraph MAIN = PackageGraph.read(Path.of("src/main/java"));

  @Test
  void everyPackageIsPlacedInTheLayers() {
    assertEquals(ALLOWED.keySet(), MAIN.files().keySet(),
        "a new package needs its place in ALLOWED and in docs/ARCHITECTURE.md");
  }

  @Test
  void dependenciesRunOneWay() {
    List<String> upward = new ArrayList<>();
    MAIN.uses().forEach((pkg, used) -> used.stream()
        .filter(u -> !ALLOWED.getOrDefault(pkg, Set.of()).contains(u))
        .forEach(u -> upward.add(pkg + " -> " + u)));
    assertEquals(List.of(), upward);
  }

  @Test
  void noPackageCycle() {
    assertEquals(Optional.empty(), PackageGraph.cycle(MAIN.uses()));
  }

  @Test
  void cycleFinderSeesACycle() {
    Map<String, Set<String>> uses = new TreeMap<>(Map.of("a", Set.of("b"), "b", Set.of("c"),
        "c", Set.of("a", "d"), "d", Set.of()));
    assertEquals(Optional.of(List.of("a", "b", "c", "a")), PackageGraph.cycle(uses));
    assertEquals(Optional.empty(), PackageGraph.cycle(Map.of("a", Set.of("b"), "b", Set.of())));
  }

  @Test
  void packagesAndClassesStaySmall() {
    int total = MAIN.files().values().stream()
        .flatMap(List::stream).mapToInt(PackageGraph.SourceFile::lines).sum();
    assertTrue(total > 10_000, "read the sources: " + total + " lines");
    List<String> tooBig = new ArrayList<>();
    MAIN.files().forEach((pkg, files) -> {
      int lines = files.stream().mapToInt(PackageGraph.SourceFile::lines).sum();
      if (files.size() > MAX_FILES_PER_PACKAGE || lines > MAX_SHARE_OF_LINES * total) {
        tooBig.add(pkg + ": " + files.size() + " files, " + lines + " of " + total + " lines");
      }
      files.stream().filter(f -> f.lines() > MAX_CLASS_LINES)
          .forEach(f -> tooBig.add(f.path().getFileName() + ": " + f.lines() + " lines"));
    });
    assertEquals(List.of(), tooBig);
  }
}
