package io.github.wandbjdbc.source.exports;

import io.github.wandbjdbc.client.CallControl;
import io.github.wandbjdbc.client.FetchListener;
import io.github.wandbjdbc.client.RunsQuery;
import io.github.wandbjdbc.client.StorageClient;
import io.github.wandbjdbc.client.StorageClient.StorageException;
import io.github.wandbjdbc.client.WandbApiException;
import io.github.wandbjdbc.model.Page;
import io.github.wandbjdbc.model.RunNode;
import io.github.wandbjdbc.model.RunSelection;
import io.github.wandbjdbc.parquet.ParquetFormatException;
import io.github.wandbjdbc.source.ForwardingSource;
import io.github.wandbjdbc.source.HistoryScan;
import io.github.wandbjdbc.source.HistoryWindows;
import io.github.wandbjdbc.source.LoggedRows;
import io.github.wandbjdbc.source.WandbSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * History the way W&B's own client reads it since 0.27.1 (docs/WIRE.md, RunParquetHistory): the
 * runs listing of a history scan also asks {@code parquetHistory(liveKeys)} of every run (one
 * request for a page of runs, not one per run), the run's exported parquet files are downloaded
 * from their presigned URLs in parallel and read with only the columns the query uses and only
 * the row groups its steps need, and the steps not exported yet come from {@code liveData} or
 * GraphQL windows ({@link RunExportReads}). Every other read passes to the wrapped source.
 *
 * <p>Where the exports cannot be read — a server without {@code parquetHistory}, a run without
 * exported files, a failed download (a 403 first asks once more for fresh URLs), a file that is
 * not parquet — the run is read through GraphQL windows as before, and the statement gets a
 * warning saying why; with {@code historySource=parquet} it fails instead. A server that lacks
 * the field is remembered for the connection.
 */
public final class ExportedHistorySource extends ForwardingSource {
  private final HistorySourceMode mode;
  private final StorageClient storage;
  private final Path downloads;
  private final ExecutorService downloaders;
  /** Runs whose files may be downloading or waiting to be read at once, per scan. */
  private final int ahead;
  /** Told of the rows read from exports, as the client tells of the rows it fetches (progress). */
  private final FetchListener listener;
  /** The downloads started ahead, per scan (its control). */
  private final Map<CallControl, ScanDownloads> scans =
      Collections.synchronizedMap(new WeakHashMap<>());
  /** Why this connection's server has no exports (it refused the field), or null. */
  private volatile String lacksExports;

  /**
   * {@code ahead}: how many runs' files a scan may download before they are read (each run's
   * files download in parallel, at most {@code parallelism} at once, StorageClient).
   */
  public ExportedHistorySource(WandbSource delegate, HistorySourceMode mode,
      StorageClient storage, int ahead, FetchListener listener) {
    super(delegate);
    this.listener = listener;
    this.mode = mode;
    this.storage = storage;
    this.ahead = ahead;
    try {
      this.downloads = Files.createTempDirectory("wandb-jdbc-history-");
    } catch (IOException e) {
      throw new UncheckedIOException("no temporary directory for history downloads", e);
    }
    this.downloaders = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "wandb-jdbc-history-download");
      t.setDaemon(true);
      return t;
    });
  }

  WandbSource delegate() {
    return delegate;
  }

  /** Counts rows read from the exports or their live data in the statement's progress. */
  void counted(int rows) {
    listener.fetched("history rows", rows, OptionalLong.empty());
  }

  private boolean exportsWanted() {
    return mode != HistorySourceMode.GRAPHQL && lacksExports == null;
  }

  @Override
  public RunSelection historyRuns(HistoryScan scan) {
    RunSelection runs = delegate.historyRuns(scan);
    return exportsWanted() ? runs.withParquetHistory(liveKeys(scan)) : runs;
  }

  /** {@code _step}, and the keys the scan reads by name (their live values come along). */
  static List<String> liveKeys(HistoryScan scan) {
    List<String> keys = new ArrayList<>();
    keys.add(HistoryScan.STEP_KEY);
    scan.keys().ifPresent(keys::addAll);
    return keys;
  }

  @Override
  public String historyPath(HistoryScan scan) {
    if (!exportsWanted()) {
      return delegate.historyPath(scan) + (lacksExports != null
          ? " (the server has no parquetHistory)" : "");
    }
    return "parquet exports (" + (scan.keys().isPresent()
        ? "columns " + String.join(", ", liveKeys(scan)) + "; live tail from liveData"
        : "all columns; live tail through graphql windows") + ")"
        + (mode == HistorySourceMode.AUTO ? ", graphql where a run's exports cannot be read" : "");
  }

  /**
   * The runs page, with exports when asked. A server that refuses {@code parquetHistory} (a
   * GraphQL error naming it) is remembered, and the page is asked again without it.
   */
  @Override
  public Page<RunNode> runs(RunsQuery query, CallControl control) {
    if (!query.selection().hasParquetHistory()) {
      return delegate.runs(query, control);
    }
    try {
      Page<RunNode> page = delegate.runs(query, control);
      ScanDownloads downloads = downloadsOf(control);
      if (downloads != null) {
        page.items().forEach(downloads::offer);
      }
      return page;
    } catch (WandbApiException e) {
      if (!namesParquetHistory(e)) {
        throw e;
      }
      if (mode == HistorySourceMode.PARQUET) {
        throw new WandbApiException(e.kind(), e.httpStatus(), "historySource=parquet, but this"
            + " W&B server does not offer history exports (parquetHistory): " + e.getMessage()
            + " Use historySource=auto to read history through GraphQL.", e);
      }
      lacksExports = e.getMessage();
      control.warn("History was read through GraphQL: this W&B server does not offer history"
          + " exports (it refused parquetHistory); the connection will not ask again.");
      return delegate.runs(withoutExports(query), control);
    }
  }

  /** The downloads ahead of the scan {@code control} belongs to; null outside a scan. */
  private ScanDownloads downloadsOf(CallControl control) {
    if (!control.holdsScanResources()) {
      return null;
    }
    synchronized (scans) {
      ScanDownloads downloads = scans.get(control);
      if (downloads == null) {
        ScanDownloads created = new ScanDownloads(ahead, run -> CompletableFuture.supplyAsync(
            () -> download(run.name(), run.parquetHistory().parquetUrls(), control), downloaders));
        scans.put(control, created);
        control.onScanEnd(() -> {
          scans.remove(control);
          created.close();
        });
        downloads = created;
      }
      return downloads;
    }
  }

  private static boolean namesParquetHistory(WandbApiException e) {
    return (e.kind() == WandbApiException.Kind.GRAPHQL_ERROR
        || e.kind() == WandbApiException.Kind.BAD_REQUEST)
        && e.getMessage() != null && e.getMessage().contains("parquetHistory");
  }

  private static RunsQuery withoutExports(RunsQuery query) {
    RunSelection s = query.selection();
    return query.withSelection(new RunSelection(s.fields(), s.config(), s.summary()));
  }

  @Override
  public Iterator<Supplier<LoggedRows>> historyReads(HistoryScan scan, RunNode run,
      CallControl control) {
    if (mode == HistorySourceMode.GRAPHQL || run.parquetHistory() == null) {
      return delegate.historyReads(scan, run, control);
    }
    return new RunExportReads(this, scan, run, control);
  }

  /**
   * GraphQL windows for the whole run, because its exports could not be read ({@code reason});
   * with {@code historySource=parquet}, the error instead.
   */
  Iterator<Supplier<LoggedRows>> fallBack(HistoryScan scan, RunNode run,
      CallControl control, String reason) {
    if (mode == HistorySourceMode.PARQUET) {
      throw new WandbApiException(WandbApiException.Kind.SERVER_ERROR, "historySource=parquet,"
          + " but the history exports could not be read: " + reason + ". Use historySource=auto"
          + " to read such runs through GraphQL.");
    }
    control.warn("History of run '" + run.name() + "' was read through GraphQL: " + reason + ".");
    return HistoryWindows.of(delegate, scan, run, control);
  }

  /**
   * The run's files downloaded (in parallel; started ahead when the listing brought them) and
   * opened, registered to be deleted when the scan ends. A 403 (an expired URL) asks W&B once
   * more for the run's URLs.
   */
  ExportedRun exportedRun(HistoryScan scan, RunNode run, ExportPlan plan, CallControl control)
      throws ExportUnreadable {
    ScanDownloads downloads = downloadsOf(control);
    CompletableFuture<List<Path>> started = downloads == null ? null : downloads.take(run.name());
    Runnable release = started == null ? () -> { } : downloads::release;
    List<String> urls = run.parquetHistory().parquetUrls();
    try {
      for (int attempt = 1; ; attempt++) {
        try {
          List<Path> files = attempt == 1 && started != null ? joined(started)
              : download(run.name(), urls, control);
          ExportedRun exported = ExportedRun.open(run.name(), files, plan.from(),
              plan.exportEnd(), release, this::counted);
          release = () -> { };
          control.onScanEnd(exported);
          return exported;
        } catch (StorageException e) {
          if (e.failure() == StorageClient.Failure.EXPIRED && attempt == 1) {
            urls = freshUrls(scan, run, control);
            continue;
          }
          throw new ExportUnreadable("its exported history could not be downloaded ("
              + e.getMessage() + ")", e);
        } catch (ParquetFormatException e) {
          throw new ExportUnreadable("its exported history is not readable parquet ("
              + e.getMessage() + ")", e);
        } catch (IOException | UncheckedIOException e) {
          throw new ExportUnreadable("its exported history could not be read (" + e + ")", e);
        }
      }
    } finally {
      release.run();
    }
  }

  /** The result of a download, or its failure as the download threw it. */
  private static <T> T joined(CompletableFuture<T> started) {
    try {
      return started.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  /** Every URL to a file of its own, at most {@code parallelism} at once (StorageClient). */
  private List<Path> download(String runId, List<String> urls, CallControl control) {
    List<Path> files = new ArrayList<>();
    List<CompletableFuture<Long>> transfers = new ArrayList<>();
    try {
      for (String url : urls) {
        Path file = Files.createTempFile(downloads, "run-", ".parquet");
        files.add(file);
        transfers.add(CompletableFuture.supplyAsync(
            () -> storage.download(url, file, control), downloaders));
      }
      for (CompletableFuture<Long> transfer : transfers) {
        try {
          joined(transfer);
        } catch (RuntimeException e) {
          transfers.forEach(t -> t.cancel(true));
          throw e;
        }
      }
      return files;
    } catch (IOException e) {
      ScanDownloads.delete(files);
      throw new UncheckedIOException("no temporary file for a history download", e);
    } catch (RuntimeException e) {
      ScanDownloads.delete(files);
      throw e;
    }
  }

  /** The run's exports asked again, for URLs that have not expired. */
  private List<String> freshUrls(HistoryScan scan, RunNode run, CallControl control) {
    RunsQuery query = new RunsQuery(scan.entity(), scan.project(),
        RunsQuery.nameIn(List.of(run.name())), null, 1, null, historyRuns(scan), false);
    return delegate.runs(query, control).items().stream()
        .filter(r -> r.name().equals(run.name()) && r.parquetHistory() != null)
        .findFirst()
        .map(r -> r.parquetHistory().parquetUrls())
        .orElse(List.of());
  }

  @Override
  public void close() {
    downloaders.shutdownNow();
    try {
      // Downloads still running delete their own files as they end; let them, then sweep.
      downloaders.awaitTermination(1, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try (Stream<Path> left = Files.walk(downloads)) {
      left.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // The folder, or a file in it, went away under the walk: nothing of it is left to delete.
    }
    storage.close();
    super.close();
  }
}
