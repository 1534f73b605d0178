package io.github.wandbjdbc.jdbc;

import io.github.wandbjdbc.support.SqlRows;
import io.github.wandbjdbc.support.TestServerExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * The packaged one-jar driver, loaded the way DBeaver and BI tools load drivers: by a
 * {@link URLClassLoader} of its own whose parent sees only the JDK, while the thread's context
 * class loader cannot see the jar at all. Its queries must give the same rows as the driver on the
 * build's class path.
 */
class PackagedJarIT {
  @RegisterExtension
  static final TestServerExtension SERVER = new TestServerExtension();

  private static final Path JAR = Path.of(System.getProperty("wandbjdbc.test.driverJar",
      "target/wandb-jdbc.jar"));
  private static final String DRIVER_CLASS = "io.github.wandbjdbc.jdbc.WandbDriver";

  private static URLClassLoader isolated;
  private static Driver packaged;

  @BeforeAll
  static void loadDriverFromJar() throws Exception {
    assertTrue(Files.isRegularFile(JAR), "run after `mvn package`: no jar at " + JAR);
    isolated = new URLClassLoader(new URL[] {JAR.toUri().toURL()},
        ClassLoader.getPlatformClassLoader());
    packaged = (Driver) Class.forName(DRIVER_CLASS, true, isolated)
        .getDeclaredConstructor().newInstance();
  }

  @AfterAll
  static void closeLoader() throws IOException {
    isolated.close();
  }

  @Test
  void theJarOffersOnlyOurDriver() throws IOException {
    List<String> drivers = new ArrayList<>();
    ServiceLoader.load(Driver.class, isolated).forEach(d -> drivers.add(d.getClass().getName()));
    assertEquals(List.of(DRIVER_CLASS), drivers);
    try (JarFile jar = new JarFile(JAR.toFile())) {
      String services = new String(jar.getInputStream(
          jar.getEntry("META-INF/services/java.sql.Driver")).readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(DRIVER_CLASS, services.strip());
    }
  }

  @Test
  void everyBundledClassIsRelocatedUnderTheProjectsPackage() throws IOException {
    List<String> outside = new ArrayList<>();
    try (JarFile jar = new JarFile(JAR.toFile())) {
      jar.stream().map(ZipEntry::getName)
          .filter(n -> n.endsWith(".class") && !n.startsWith("io/github/wandbjdbc/"))
          .forEach(outside::add);
    }
    assertEquals(List.of(), outside);
    assertNull(isolated.getResource("org/apache/calcite/jdbc/Driver.class"));
    assertNull(isolated.getResource("com/fasterxml/jackson/databind/ObjectMapper.class"));
  }

  @Test
  void licenceNoticesAreKept() throws IOException {
    try (JarFile jar = new JarFile(JAR.toFile())) {
      String licence = text(jar, "META-INF/LICENSE");
      assertTrue(licence.contains("Apache License"), "META-INF/LICENSE keeps the licences");
      String notice = text(jar, "META-INF/NOTICE");
      assertTrue(notice.contains("Apache Calcite"), "META-INF/NOTICE keeps Calcite's notice");
    }
  }

  @Test
  void connectsWithoutDriverManagerAndWithAContextLoaderThatCannotSeeIt() throws Exception {
    List<List<Object>> rows = inForeignContext(() -> {
      try (Connection c = packaged.connect(WandbDriver.PREFIX, SERVER.properties())) {
        assertSame(isolated, c.getClass().getClassLoader(), "the connection comes from the jar");
        return SqlRows.query(c, "SELECT COUNT(*) FROM runs WHERE state = 'crashed'");
      }
    });
    try (Connection c = SERVER.connect()) {
      assertEquals(SqlRows.query(c, "SELECT COUNT(*) FROM runs WHERE state = 'crashed'"), rows);
    }
  }

  /**
   * Queries that exercise Calcite's code generation (Janino), pushdown, hinted scans, joins, JSON
   * and arrays: each gives the packaged driver the same rows as the one on the class path.
   */
  @ParameterizedTest
  @ValueSource(strings = {
      "SELECT run_id, state, \"config.lr\", \"summary.val/loss\" FROM runs"
          + " WHERE state = 'finished' AND \"summary.val/loss\" BETWEEN 0 AND 1e300"
          + " ORDER BY \"summary.val/loss\", run_id LIMIT 10",
      "SELECT state, COUNT(*) AS n, AVG(\"summary.acc\") FROM runs GROUP BY state ORDER BY state",
      "SELECT r.run_id, COUNT(*), MAX(h.step) FROM runs r JOIN history h ON h.run_id = r.run_id"
          + " WHERE r.state = 'crashed' AND r.\"config.batch_size\" = 256"
          + " GROUP BY r.run_id ORDER BY r.run_id",
      "SELECT collection, version, aliases, metadata FROM artifacts ORDER BY collection, version_index",
      "SELECT s.sweep_id, s.sweep_method, COUNT(r.run_id) FROM sweeps s"
          + " LEFT JOIN runs r ON r.sweep_id = s.sweep_id GROUP BY s.sweep_id, s.sweep_method"
          + " ORDER BY s.sweep_id",
      "SELECT run_id, tags, created_at, config FROM runs ORDER BY created_at DESC, run_id LIMIT 25",
      "SELECT * FROM \"bert-finetune\".files WHERE name LIKE '%.json' ORDER BY run_id, name"})
  void givesTheRowsOfTheClassPathDriver(String sql) throws Exception {
    List<List<Object>> fromJar = inForeignContext(() -> {
      try (Connection c = packaged.connect(WandbDriver.PREFIX, SERVER.properties())) {
        return SqlRows.query(c, sql);
      }
    });
    List<List<Object>> expected;
    try (Connection c = SERVER.connect()) {
      expected = SqlRows.query(c, sql);
    }
    assertFalse(expected.isEmpty(), "a query with rows");
    assertEquals(expected.toString(), fromJar.toString());
  }

  @Test
  void errorsAreSqlExceptionsWithStatesAndNoKey() throws Exception {
    SQLException e = inForeignContext(() -> {
      Properties wrongKey = SERVER.properties("apiKey", "wandbjdbc_wrong_key_" + "0".repeat(24));
      try (Connection c = packaged.connect(WandbDriver.PREFIX, wrongKey)) {
        return null;
      } catch (SQLException expected) {
        return expected;
      }
    });
    assertEquals("28000", e.getSQLState());
    assertFalse(e.getMessage().contains("wandbjdbc_wrong_key_"), e.getMessage());
  }

  /** Runs {@code work} with a context class loader that sees neither the jar nor the tests. */
  private static <T> T inForeignContext(Callable<T> work) throws Exception {
    Thread thread = Thread.currentThread();
    ClassLoader saved = thread.getContextClassLoader();
    try (URLClassLoader foreign = new URLClassLoader(new URL[0],
        ClassLoader.getPlatformClassLoader())) {
      thread.setContextClassLoader(foreign);
      return work.call();
    } finally {
      thread.setContextClassLoader(saved);
    }
  }

  private static String text(JarFile jar, String entry) throws IOException {
    ZipEntry e = jar.getEntry(entry);
    assertTrue(e != null, "the jar has " + entry);
    return new String(jar.getInputStream(e).readAllBytes(), StandardCharsets.UTF_8);
  }
}
