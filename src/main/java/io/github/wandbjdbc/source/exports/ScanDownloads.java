package io.github.wandbjdbc.source.exports;

import io.github.wandbjdbc.model.RunNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The downloads of one history scan, started as soon as the runs listing brings their URLs, so
 * that the files of the next runs arrive while the consumer reads the current one (the official
 * client downloads one run after another). At most {@code ahead} runs are downloading or
 * downloaded and not yet read; a run's slot frees when its files are closed. Closing the scan
 * drops what was not taken and deletes its files, also those whose download ends later.
 */
final class ScanDownloads implements AutoCloseable {
  private final int ahead;
  private final Function<RunNode, CompletableFuture<List<Path>>> download;
  private final ArrayDeque<RunNode> waiting = new ArrayDeque<>();
  private final Map<String, CompletableFuture<List<Path>>> started = new LinkedHashMap<>();
  private int held;
  private boolean closed;

  ScanDownloads(int ahead, Function<RunNode, CompletableFuture<List<Path>>> download) {
    this.ahead = ahead;
    this.download = download;
  }

  /** Queues the downloads of {@code run}'s files, if it has any and history to read. */
  synchronized void offer(RunNode run) {
    if (closed || run.parquetHistory() == null || run.parquetHistory().parquetUrls().isEmpty()
        || run.lastHistoryStep().orElse(-1) < 0 || started.containsKey(run.name())) {
      return;
    }
    waiting.add(run);
    pump();
  }

  /**
   * The download of {@code runId}'s files started ahead, now the reader's (its slot is freed by
   * {@link #release()}); null when none was started. The reader takes runs in the listing's
   * order, so the runs offered before this one and not taken were skipped (the scan filters a
   * listing W&B would not narrow, or reads no step of them): their downloads are dropped, their
   * files deleted when they arrive, and their slots go to the next runs.
   */
  synchronized CompletableFuture<List<Path>> take(String runId) {
    boolean known = started.containsKey(runId)
        || waiting.stream().anyMatch(r -> r.name().equals(runId));
    if (known) {
      for (Iterator<Map.Entry<String, CompletableFuture<List<Path>>>> it =
          started.entrySet().iterator(); it.hasNext(); ) {
        Map.Entry<String, CompletableFuture<List<Path>>> skipped = it.next();
        if (skipped.getKey().equals(runId)) {
          break;
        }
        it.remove();
        held--;
        skipped.getValue().thenAccept(ScanDownloads::delete);
      }
      while (!started.containsKey(runId) && !waiting.isEmpty()
          && !waiting.peek().name().equals(runId)) {
        waiting.poll();
      }
    }
    CompletableFuture<List<Path>> files = started.remove(runId);
    if (files == null) {
      waiting.removeIf(r -> r.name().equals(runId));
    }
    pump();
    return files;
  }

  /** A run taken from here has been read: its slot goes to the next waiting run. */
  synchronized void release() {
    held--;
    pump();
  }

  private void pump() {
    while (!closed && held < ahead && !waiting.isEmpty()) {
      RunNode run = waiting.poll();
      held++;
      started.put(run.name(), download.apply(run));
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    waiting.clear();
    for (CompletableFuture<List<Path>> files : started.values()) {
      files.thenAccept(ScanDownloads::delete);
    }
    started.clear();
  }

  static void delete(List<Path> files) {
    for (Path file : files) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        // The download folder is deleted with the connection.
      }
    }
  }
}
