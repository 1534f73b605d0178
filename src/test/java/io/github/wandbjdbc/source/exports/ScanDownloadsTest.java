package io.github.wandbjdbc.source.exports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.github.wandbjdbc.model.RunNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Downloads ahead of the reader: at most {@code ahead} runs held, freed as runs are read. */
class ScanDownloadsTest {
  @TempDir
  Path dir;

  private final Map<String, CompletableFuture<List<Path>>> started = new LinkedHashMap<>();

  private ScanDownloads downloads(int ahead) {
    return new ScanDownloads(ahead, run -> {
      CompletableFuture<List<Path>> f = new CompletableFuture<>();
      started.put(run.name(), f);
      return f;
    });
  }

  private static RunNode run(String name) {
    RunNode r = ExportPlanTest.run(10, true);
    return new RunNode(name, null, null, null, null, null, null, null, null, null, null, null,
        null, null, null, null, r.historyKeys(), null, null, r.parquetHistory());
  }

  @Test
  void startsAtMostAheadAndTheNextWhenOneIsRead() {
    ScanDownloads d = downloads(2);
    for (String name : List.of("a", "b", "c")) {
      d.offer(run(name));
    }
    assertEquals(List.of("a", "b"), new ArrayList<>(started.keySet()));
    assertSame(started.get("a"), d.take("a"));
    assertEquals(2, started.size(), "taking is not reading");
    d.release();
    assertEquals(List.of("a", "b", "c"), new ArrayList<>(started.keySet()));
  }

  @Test
  void aRunNotStartedIsTheReadersToDownload() {
    ScanDownloads d = downloads(1);
    d.offer(run("a"));
    d.offer(run("b"));
    assertSame(started.get("a"), d.take("a"));
    assertNull(d.take("b"), "b waits for a's slot; the reader downloads it itself");
    d.release();
    assertFalse(started.containsKey("b"), "and it is not downloaded twice");
  }

  @Test
  void runsTheReaderSkippedAreDroppedWhenALaterOneIsTaken() throws Exception {
    ScanDownloads d = downloads(2);
    for (String name : List.of("a", "b", "c", "d")) {
      d.offer(run(name));
    }
    assertEquals(List.of("a", "b"), new ArrayList<>(started.keySet()));
    assertSame(started.get("b"), d.take("b"));
    assertEquals(List.of("a", "b", "c"), new ArrayList<>(started.keySet()),
        "a was skipped: its slot went to c");
    Path skipped = Files.createFile(dir.resolve("a.parquet"));
    started.get("a").complete(List.of(skipped));
    assertFalse(Files.exists(skipped), "the skipped run's file is deleted when it arrives");
    assertNull(d.take("a"), "taken after all, it is the reader's to download");
    assertNull(d.take("d"), "d was still waiting: the reader downloads it itself");
    Path dropped = Files.createFile(dir.resolve("c.parquet"));
    started.get("c").complete(List.of(dropped));
    assertFalse(Files.exists(dropped), "c, skipped for d, is dropped too");
    d.release();
    d.offer(run("e"));
    d.offer(run("f"));
    assertEquals(List.of("a", "b", "c", "e", "f"), new ArrayList<>(started.keySet()),
        "b read and released, a and c dropped: both slots are free again");
  }

  @Test
  void closingDeletesWhatWasNotTakenEvenWhenItArrivesLater() throws Exception {
    ScanDownloads d = downloads(2);
    d.offer(run("a"));
    d.offer(run("b"));
    Path early = Files.createFile(dir.resolve("a.parquet"));
    started.get("a").complete(List.of(early));
    d.close();
    Path late = Files.createFile(dir.resolve("b.parquet"));
    started.get("b").complete(List.of(late));
    assertFalse(Files.exists(early));
    assertFalse(Files.exists(late));
    d.offer(run("c"));
    assertFalse(started.containsKey("c"), "a closed scan starts nothing");
  }
}
