package io.github.wandbjdbc.testserver;

import io.github.wandbjdbc.testserver.folders.RunFolderLoaderTest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class MainTest {

  @Test
  void parsesEveryOption() {
    MainOptions options = MainOptions.parse("--port", "8089", "--data", "a", "--data", "b", "--no-generated",
        "--api-key", "k".repeat(40), "--latency-ms", "25", "--record", "rec", "--case-insensitive");
    assertEquals(8089, options.port());
    assertEquals(List.of(Path.of("a"), Path.of("b")), options.dataDirs());
    assertFalse(options.generated());
    assertEquals("k".repeat(40), options.apiKey());
    assertEquals(25, options.latencyMillis());
    assertEquals(Path.of("rec"), options.recordTo());
    assertTrue(options.caseInsensitiveStrings());
    assertFalse(options.help());
  }

  @Test
  void defaultsAndHelp() {
    MainOptions options = MainOptions.parse();
    assertEquals(0, options.port());
    assertTrue(options.generated());
    assertEquals(WandbTestServer.DEFAULT_API_KEY, options.apiKey());
    assertTrue(MainOptions.parse("--help").help());
    assertTrue(MainOptions.USAGE.contains("--no-generated"));
  }

  @Test
  void rejectsUnknownOptionsAndMissingValues() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> MainOptions.parse("--prot", "1")).getMessage().contains("--prot"));
    assertThrows(IllegalArgumentException.class, () -> MainOptions.parse("--data"));
    assertThrows(IllegalArgumentException.class, () -> MainOptions.parse("--port", "x"));
    assertThrows(IllegalArgumentException.class, () -> MainOptions.parse("--latency-ms", "-5"));
  }

  @Test
  void describesUrlKeyProjectsAndLoadReport() {
    MainOptions options = MainOptions.parse("--data", RunFolderLoaderTest.FIXTURES.toString());
    try (WandbTestServer server = options.toBuilder().start()) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      Main.describe(server, options, new PrintStream(bytes, true, StandardCharsets.UTF_8));
      String text = bytes.toString(StandardCharsets.UTF_8);
      assertTrue(text.contains(server.baseUrl()), text);
      assertTrue(text.contains("API key: " + WandbTestServer.DEFAULT_API_KEY), text);
      assertTrue(text.contains("demo-team/resnet-sweep: 2000 runs"), text);
      assertTrue(text.contains("acme/modern-llm: 4 runs"), text);
      assertTrue(text.contains("loaded 6 run folder(s), skipped 3"), text);
      assertTrue(text.contains("SKIPPED") && text.contains("unknown key 'tag'"), text);
    }
  }
}
