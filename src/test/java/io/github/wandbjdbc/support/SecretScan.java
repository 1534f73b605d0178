package io.github.wandbjdbc.support;

import io.github.wandbjdbc.testserver.WandbTestServer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

/**
 * Run by {@code mvn verify} after all tests (see the pom): scans everything the suite captured
 * (each test class's standard output and error, the test reports with their failure messages and
 * stack traces, and the log of every record the driver and HttpClient wrote at any level, see
 * {@code all-levels-logging.properties}) for the test server's API key, plainly or as the Base64
 * of the {@code Authorization} header. Any hit fails the build: the key must never reach output.
 */
public final class SecretScan {
  private SecretScan() {}

  /** Arguments: the folders and files to scan; those that do not exist are skipped. */
  public static void main(String[] args) throws IOException {
    String key = WandbTestServer.DEFAULT_API_KEY;
    List<String> secrets = List.of(key, Base64.getEncoder()
        .encodeToString(("api:" + key).getBytes(StandardCharsets.UTF_8)));
    List<String> hits = new ArrayList<>();
    int files = 0;
    for (String dir : args) {
      Path root = Path.of(dir);
      if (!Files.exists(root)) {
        continue;
      }
      try (Stream<Path> all = Files.walk(root)) {
        for (Path file : all.filter(Files::isRegularFile).toList()) {
          files++;
          if (contains(file, secrets)) {
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

  /**
   * Whether the file holds any of the texts, read in blocks (the all-levels log can be hundreds of
   * megabytes) that overlap by the longest text, so that none is missed across a block's edge.
   */
  static boolean contains(Path file, List<String> texts) throws IOException {
    int overlap = texts.stream().mapToInt(String::length).max().orElse(0);
    byte[] block = new byte[8 << 20];
    String carry = "";
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.readNBytes(block, 0, block.length)) > 0; ) {
        String text = carry + new String(block, 0, n, StandardCharsets.ISO_8859_1);
        if (texts.stream().anyMatch(text::contains)) {
          return true;
        }
        carry = text.substring(Math.max(0, text.length() - overlap));
      }
    }
    return false;
  }
}
