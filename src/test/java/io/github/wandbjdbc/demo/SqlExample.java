package io.github.wandbjdbc.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One file of {@code sql-examples/}: a task in a user's words (the leading {@code --} comment)
 * and the statement that does it.
 */
public record SqlExample(String name, String comment, String sql) {
  public static final Path DEFAULT_DIR = Path.of("sql-examples");

  /** Every {@code *.sql} file of {@code dir}, in name order. */
  public static List<SqlExample> all(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".sql")).sorted()
          .map(SqlExample::read).collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir.toAbsolutePath(), e);
    }
  }

  static SqlExample read(Path file) {
    try {
      List<String> lines = Files.readAllLines(file);
      String comment = lines.stream().takeWhile(l -> l.startsWith("--"))
          .map(l -> l.replaceFirst("^--\\s?", "")).collect(Collectors.joining("\n"));
      String sql = lines.stream().dropWhile(l -> l.startsWith("--"))
          .collect(Collectors.joining("\n")).strip().replaceFirst(";$", "");
      return new SqlExample(file.getFileName().toString(), comment, sql);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file.toAbsolutePath(), e);
    }
  }
}
