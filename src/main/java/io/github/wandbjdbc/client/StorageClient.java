package io.github.wandbjdbc.client;

import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Downloads W&B's presigned storage URLs (a run's exported history files) to local files: a
 * plain GET with no {@code Authorization} header and no API key, as the URL itself grants the
 * read, outside GraphQL and its rate limits. Only {@code https} URLs are fetched, or {@code http}
 * on a loopback host or with {@code allowInsecureHttp}; anything else ({@code file:}, {@code jar:},
 * another scheme) is refused before any I/O, because the URLs come from a server's answer.
 *
 * <p>At most {@code parallelism} downloads run at once, apart from the GraphQL requests' bound
 * so that a GraphQL rate-limit pause does not hold storage back. Server errors, 429 and broken
 * connections are retried under the connection's retry policy; 4xx answers are final (403 is an
 * expired or refused signature). A URL's query string (its signature) appears in no message.
 */
public final class StorageClient implements AutoCloseable {
  private final CloseableHttpClient http;
  private final RetryPolicy retry;
  private final boolean allowInsecureHttp;
  private final Semaphore slots;

  public StorageClient(ClientOptions options, boolean allowInsecureHttp) {
    this.retry = options.retry();
    this.allowInsecureHttp = allowInsecureHttp;
    this.slots = new Semaphore(options.parallelism(), true);
    this.http = PooledHttp.client(options);
  }

  /** Why a download did not give the file. */
  public enum Failure {
    /** The URL's scheme or host is not one the driver fetches. */
    REFUSED_URL,
    /** HTTP 403: the signature expired or was refused; fresh URLs may work. */
    EXPIRED,
    /** Another final HTTP status, or retries that did not get past a server error. */
    HTTP_ERROR,
    /** The connection broke, and retries did not get past it. */
    IO_ERROR
  }

  /** A download that failed, with what the user should know; no URL signature in it. */
  public static final class StorageException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final Failure failure;

    StorageException(Failure failure, String message, Throwable cause) {
      super(message, cause);
      this.failure = failure;
    }

    public Failure failure() {
      return failure;
    }
  }

  /**
   * Writes the object at {@code url} to {@code target} (replaced) and returns its size; throws
   * {@link StorageException}, or the control's cancel or timeout.
   */
  public long download(String url, Path target, CallControl control) {
    URI uri = checked(url);
    for (int attempt = 1; ; attempt++) {
      control.check();
      StorageException failure;
      try {
        acquire(control);
        try {
          return get(uri, target, control);
        } finally {
          slots.release();
        }
      } catch (StorageException e) {
        boolean retryable = e.failure() == Failure.IO_ERROR
            || e.getCause() instanceof RetryableAnswer;
        if (!retryable) {
          throw e;
        }
        failure = e;
      }
      if (attempt > retry.maxRetries()) {
        throw new StorageException(failure.failure(), failure.getMessage() + " (after "
            + attempt + " attempts)", failure.getCause());
      }
      control.sleep(retry.backoff(attempt, ThreadLocalRandom.current()::nextDouble));
    }
  }

  /** Marks a status worth retrying (5xx, 429), as the cause of an HTTP_ERROR. */
  private static final class RetryableAnswer extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RetryableAnswer(int status) {
      super("HTTP " + status, null, false, false);
    }
  }

  private long get(URI uri, Path target, CallControl control) {
    HttpGet get = new HttpGet(uri);
    try {
      return http.execute(get, response -> {
        int status = response.getCode();
        if (status == 403) {
          throw new StorageException(Failure.EXPIRED, "storage refused " + shown(uri)
              + " with HTTP 403 (an expired or refused signature)", null);
        }
        if (status != 200) {
          throw new StorageException(Failure.HTTP_ERROR, "storage answered " + shown(uri)
              + " with HTTP " + status, RetryPolicy.isRetryableStatus(status)
                  ? new RetryableAnswer(status) : null);
        }
        HttpEntity entity = response.getEntity();
        long expected = entity == null ? 0 : entity.getContentLength();
        long written = 0;
        try (InputStream in = entity == null ? InputStream.nullInputStream() : entity.getContent();
            OutputStream out = Files.newOutputStream(target)) {
          byte[] buffer = new byte[64 << 10];
          for (int n; (n = in.read(buffer)) >= 0; ) {
            out.write(buffer, 0, n);
            written += n;
            control.check();
          }
        }
        if (expected >= 0 && written != expected) {
          throw new IOException("the download of " + shown(uri) + " ended after " + written
              + " of " + expected + " bytes");
        }
        return written;
      });
    } catch (IOException e) {
      throw new StorageException(Failure.IO_ERROR, "the download of " + shown(uri) + " failed: "
          + e.getMessage(), e);
    }
  }

  private void acquire(CallControl control) {
    try {
      while (!slots.tryAcquire(CallControl.SLEEP_SLICE_MILLIS, TimeUnit.MILLISECONDS)) {
        control.check();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw control.cancelled();
    }
  }

  private URI checked(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new StorageException(Failure.REFUSED_URL, "W&B sent a history export URL that is not"
          + " a URL", null);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost();
    boolean allowed = host != null && (scheme.equals("https")
        || scheme.equals("http") && (allowInsecureHttp || ClientOptions.isLoopback(host)));
    if (!allowed) {
      throw new StorageException(Failure.REFUSED_URL, "W&B sent a history export URL with scheme '"
          + scheme + "'" + (scheme.equals("http") ? " on a host that is not loopback" : "")
          + "; the driver fetches only https (or http on loopback, or with allowInsecureHttp=true)",
          null);
    }
    return uri;
  }

  /** The URL without its query string, which holds the signature. */
  static String shown(URI uri) {
    return uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath();
  }

  @Override
  public void close() {
    try {
      http.close();
    } catch (IOException e) {
      // Closing the pool frees sockets; nothing the caller can do about a failure to.
    }
  }
}
