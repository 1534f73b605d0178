package io.github.wandbjdbc.oracle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL server for the oracle tests: Debian's {@code postgresql} binaries
 * ({@code /usr/lib/postgresql/<version>/bin}, or {@code WANDBJDBC_PG_BIN}), a new cluster in a
 * temporary folder (UTF-8, C collation: strings compare by code point), on a free loopback port,
 * without durability (nothing is kept). As root, PostgreSQL's programs run as the {@code postgres}
 * user, since PostgreSQL refuses to run as root. Missing binaries fail the test, with what to
 * install: a CI that skipped the oracle would prove nothing.
 */
final class PostgresCluster implements AutoCloseable {
  private final Path bin;
  private final Path dir;
  private final int port;
  private final boolean asPostgresUser;

  private PostgresCluster(Path bin, Path dir, int port, boolean asPostgresUser) {
    this.bin = bin;
    this.dir = dir;
    this.port = port;
    this.asPostgresUser = asPostgresUser;
  }

  static PostgresCluster start() {
    Path bin = binaries().orElseThrow(() -> new IllegalStateException("PostgreSQL's server"
        + " programs (initdb, pg_ctl) were not found in /usr/lib/postgresql/*/bin or"
        + " WANDBJDBC_PG_BIN: install Debian's postgresql package (apt-get install postgresql),"
        + " as .ci/run does."));
    boolean root = "root".equals(System.getProperty("user.name"));
    try {
      Path dir = Files.createTempDirectory(Path.of("/tmp"), "wandbjdbc-pg-");
      if (root) {
        run(List.of("chown", "postgres", dir.toString()), 30);
      }
      int port = freePort();
      PostgresCluster cluster = new PostgresCluster(bin, dir, port, root);
      cluster.pg(List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(),
          "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"), 120);
      cluster.pg(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(),
          "-l", dir.resolve("server.log").toString(), "-w", "-t", "60", "-o",
          "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off"
              + " -c synchronous_commit=off -c full_page_writes=off -c TimeZone=UTC"
              + " -c max_connections=40", "start"), 90);
      return cluster;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Connection connect() throws SQLException {
    return connect("postgres");
  }

  Connection connect(String database) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", "postgres");
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, p);
  }

  @Override
  public void close() {
    try {
      pg(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m",
          "immediate", "-w", "stop"), 60);
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // a leftover temporary folder is harmless
      }
    }
  }

  private void pg(List<String> command, int seconds) {
    List<String> full = new ArrayList<>();
    if (asPostgresUser) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(command);
    run(full, seconds);
  }

  private static void run(List<String> command, int seconds) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("timed out: " + command);
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException(command + " failed (" + p.exitValue() + "): "
            + new String(out, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Optional<Path> binaries() {
    String given = System.getenv("WANDBJDBC_PG_BIN");
    if (given != null && Files.isExecutable(Path.of(given, "pg_ctl"))) {
      return Optional.of(Path.of(given));
    }
    Path root = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(root)) {
      return Optional.empty();
    }
    try (Stream<Path> versions = Files.list(root)) {
      return versions.map(v -> v.resolve("bin"))
          .filter(b -> Files.isExecutable(b.resolve("pg_ctl")) && Files.isExecutable(b.resolve("initdb")))
          .max(Comparator.comparingInt(b -> version(b.getParent().getFileName().toString())));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static int version(String name) {
    try {
      return Integer.parseInt(name.replaceAll("\\..*", ""));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
