package io.github.wandbjdbc.support;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wandbjdbc.testserver.WandbTestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/** {@link SecretScan} finds the key, plain or in a Basic header, and passes clean output. */
class SecretScanTest {
  @Test
  void cleanOutputPasses(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("A-output.txt"), "connected to http://127.0.0.1:1234\n");
    SecretScan.main(new String[] {dir.toString(), dir.resolve("absent").toString()});
  }

  @Test
  void theKeyInAnyCapturedFileFailsTheBuild(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("nested"));
    Files.writeString(dir.resolve("nested/B-output.txt"),
        "oops: key=" + WandbTestServer.DEFAULT_API_KEY + "\n");
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> SecretScan.main(new String[] {dir.toString()}));
    assertTrue(e.getMessage().contains("B-output.txt"), e.getMessage());
  }

  @Test
  void theKeyAsAnAuthorizationHeaderFailsTheBuild(@TempDir Path dir) throws IOException {
    String header = "Basic " + Base64.getEncoder().encodeToString(
        ("api:" + WandbTestServer.DEFAULT_API_KEY).getBytes(StandardCharsets.UTF_8));
    Files.writeString(dir.resolve("C.xml"), "<system-err>Authorization: " + header + "</system-err>");
    assertThrows(IllegalStateException.class, () -> SecretScan.main(new String[] {dir.toString()}));
  }

  @Test
  void aKeyAcrossTheEdgeOfABlockOfALargeLogIsFound(@TempDir Path dir) throws IOException {
    // The log is read in blocks of 8 MiB; the key starts 10 bytes before the first block ends.
    String key = WandbTestServer.DEFAULT_API_KEY;
    Path log = dir.resolve("all-levels-0.log");
    byte[] filler = new byte[(8 << 20) - 10];
    Arrays.fill(filler, (byte) 'x');
    Files.write(log, filler);
    Files.writeString(log, key + "\n" + "y".repeat(1000), StandardOpenOption.APPEND);
    assertTrue(SecretScan.contains(log, List.of(key)));
    assertThrows(IllegalStateException.class, () -> SecretScan.main(new String[] {log.toString()}));
    Files.write(log, filler);
    assertTrue(!SecretScan.contains(log, List.of(key)));
  }
}
