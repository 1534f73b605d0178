package io.github.wandbjdbc.testserver.data;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;

/**
 * A file of a run ({@code Run.files}), as the test server serves it.
 *
 * @param name      path within the run, {@code /}-separated (e.g. {@code media/images/x.png})
 * @param sizeBytes {@code File.sizeBytes}
 * @param md5       base64 of the MD5 digest, as W&B serves it
 * @param mimetype  e.g. {@code application/json}
 * @param updatedAt last upload time
 */
public record RunFile(String name, long sizeBytes, String md5, String mimetype, Instant updatedAt) {

  /** Host of the fake bucket that {@code directUrl} points to: never the W&B host, never with a key. */
  public static final String STORAGE_BASE = "https://storage.example.invalid/wandb-bucket";

  public RunFile {
    Objects.requireNonNull(name, "name");
  }

  /** The placeholder W&B answers for a name that does not exist (docs/WIRE.md, RunFiles). */
  public static RunFile placeholder(String name) {
    return new RunFile(name, 0, null, null, null);
  }

  /** The W&B-served download URL: {@code <base>/files/<entity>/<project>/<run>/<name>}. */
  public static String url(String baseUrl, RunData run, String name) {
    return baseUrl + "/files/" + segment(run.entityName()) + "/" + segment(run.projectName()) + "/"
        + segment(run.name()) + "/" + path(name);
  }

  /** A presigned-looking storage URL on another host; the signature is derived, not a secret. */
  public static String directUrl(RunData run, String name) {
    String object = segment(run.entityName()) + "/" + segment(run.projectName()) + "/" + segment(run.name())
        + "/" + path(name);
    return STORAGE_BASE + "/" + object + "?X-Goog-Algorithm=GOOG4-RSA-SHA256&X-Goog-Expires=3600"
        + "&X-Goog-Signature=" + Integer.toHexString(object.hashCode());
  }

  /** The bucket object path ({@code File.storagePath}). */
  public static String storagePath(RunData run, String name) {
    return "wandb-bucket/" + run.entityName() + "/" + run.projectName() + "/" + run.name() + "/" + name;
  }

  /** The mimetype W&B would record for a file name, from its extension. */
  public static String mimetypeOf(String name) {
    String lower = name.toLowerCase(java.util.Locale.ROOT);
    int dot = lower.lastIndexOf('.');
    String extension = dot < 0 ? "" : lower.substring(dot + 1);
    switch (extension) {
      case "json":
        return "application/json";
      case "yaml":
      case "yml":
        return "application/x-yaml";
      case "txt":
      case "log":
      case "jsonl":
      case "md":
      case "py":
        return "text/plain";
      case "csv":
        return "text/csv";
      case "html":
        return "text/html";
      case "png":
        return "image/png";
      case "jpg":
      case "jpeg":
        return "image/jpeg";
      case "gif":
        return "image/gif";
      default:
        return "application/octet-stream";
    }
  }

  private static String path(String name) {
    StringBuilder out = new StringBuilder();
    for (String part : name.split("/", -1)) {
      if (out.length() > 0) {
        out.append('/');
      }
      out.append(segment(part));
    }
    return out.toString();
  }

  private static String segment(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
