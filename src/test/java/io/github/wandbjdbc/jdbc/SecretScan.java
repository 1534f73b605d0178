package io.github.wandbjdbc.jdbc;

import io.github.wandbjdbc.testserver.WandbTestServer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

/**
 * Run by {@code mvn verify} after all tests (see the pom): scans everything the suite captured
 * (each test class's standard output and error, where logs go, and the test reports with their
 * failure messages and stack traces) for the test server's API key, plainly or as the Base64 of
 * the {@code Authorization} header. Any hit fails the build: the key must never reach output.
 */
public final class SecretScan {
  private SecretScan() {}

  /** Arguments: the folders to scan. */
  public static void main(String[] args) throws IOException {
    String key = WandbTestServer.DEFAULT_API_KEY;
    List<String> secrets = List.of(key, Base64.getEncoder()
        .encodeToString(("api:" + key).getBytes(StandardCharsets.UTF_8)));
    List<String> hits = new ArrayList<>();
    int files = 0;
    for (String dir : args) {
      Path root = Path.of(dir);
      if (!Files.isDirectory(root)) {
        continue;
      }
      try (Stream<Path> all = Files.walk(root)) {
        for (Path file : all.filter(Files::isRegularFile).toList()) {
          files++;
          String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
          if (secrets.stream().anyMatch(text::contains)) {
            hits.add(file.toString());
          }
        }
      }
    }
    System.out.println("secret scan: " + files + " files of captured test output, "
        + hits.size() + " with the API key");
    if (!hits.isEmpty()) {
      throw new IllegalStateException("The API key appears in captured output: " + hits);
    }
  }
}
