package io.github.wandbjdbc.layout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The driver's packages as read from its sources: which package each class file is in, how long
 * it is, and which of the driver's other packages it names in code (imports and qualified names;
 * comments do not count). Names are relative to {@code io.github.wandbjdbc}.
 */
record PackageGraph(Map<String, List<SourceFile>> files, Map<String, Set<String>> uses) {
  static final String ROOT = "io.github.wandbjdbc";
  private static final Pattern NAMED =
      Pattern.compile("\\bio\\.github\\.wandbjdbc\\.((?:[a-z]\\w*\\.)*[a-z]\\w*)\\.[A-Z]");
  private static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);

  record SourceFile(Path path, String pkg, int lines) {}

  /** Reads every {@code .java} file under {@code sourceRoot}/io/github/wandbjdbc. */
  static PackageGraph read(Path sourceRoot) {
    Path base = sourceRoot.resolve(ROOT.replace('.', '/'));
    Map<String, List<SourceFile>> files = new TreeMap<>();
    Map<String, Set<String>> uses = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(base)) {
      for (Path path : paths.filter(p -> p.toString().endsWith(".java")).toList()) {
        String pkg = base.relativize(path.getParent()).toString().replace('/', '.');
        String text = Files.readString(path);
        files.computeIfAbsent(pkg, p -> new ArrayList<>())
            .add(new SourceFile(path, pkg, (int) text.lines().count()));
        Set<String> used = uses.computeIfAbsent(pkg, p -> new TreeSet<>());
        Matcher named = NAMED.matcher(COMMENT.matcher(text).replaceAll(""));
        while (named.find()) {
          if (!named.group(1).equals(pkg)) {
            used.add(named.group(1));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new PackageGraph(files, uses);
  }

  /** A cycle of packages (first = last), if the dependencies have one. */
  static Optional<List<String>> cycle(Map<String, Set<String>> uses) {
    Map<String, Integer> state = new TreeMap<>(); // 1 = on the path, 2 = finished
    for (String start : uses.keySet()) {
      Deque<String> path = new ArrayDeque<>();
      Optional<List<String>> found = visit(start, uses, state, path);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  private static Optional<List<String>> visit(String pkg, Map<String, Set<String>> uses,
      Map<String, Integer> state, Deque<String> path) {
    Integer seen = state.get(pkg);
    if (seen != null && seen == 2) {
      return Optional.empty();
    }
    if (seen != null) {
      List<String> cycle = new ArrayList<>();
      boolean in = false;
      for (String p : (Iterable<String>) path::descendingIterator) {
        in |= p.equals(pkg);
        if (in) {
          cycle.add(p);
        }
      }
      cycle.add(pkg);
      return Optional.of(cycle);
    }
    state.put(pkg, 1);
    path.push(pkg);
    for (String next : uses.getOrDefault(pkg, Set.of())) {
      Optional<List<String>> found = visit(next, uses, state, path);
      if (found.isPresent()) {
        return found;
      }
    }
    path.pop();
    state.put(pkg, 2);
    return Optional.empty();
  }
}
