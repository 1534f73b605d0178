package io.github.wandbjdbc.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

class StatementProgressTest {
  private final AtomicLong now = new AtomicLong();
  private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
  private final StatementProgress progress =
      new StatementProgress(new PrintStream(screen, true, StandardCharsets.UTF_8), now::get);

  private String screen() {
    return screen.toString(StandardCharsets.UTF_8);
  }

  @Test
  void quickStatementsPrintNothing() {
    progress.started();
    progress.fetched("runs", 100, OptionalLong.of(2000));
    now.addAndGet(StatementProgress.QUIET_NANOS - 1);
    progress.fetched("runs", 100, OptionalLong.empty());
    progress.finished();
    assertEquals("", screen());
  }

  @Test
  void longStatementsRewriteOneLineAndEraseItAtTheEnd() {
    progress.started();
    progress.fetched("runs", 100, OptionalLong.of(2000));
    now.addAndGet(StatementProgress.QUIET_NANOS);
    progress.fetched("history rows", 1500, OptionalLong.empty());
    assertEquals("\r\033[Kfetched 100 of 2,000 runs, 1,500 history rows … (Ctrl-C cancels)",
        screen());
    now.addAndGet(StatementProgress.EVERY_NANOS - 1);
    progress.fetched("history rows", 10, OptionalLong.empty());
    assertEquals(1, screen().split("fetched", -1).length - 1, "not more often than EVERY_NANOS");
    now.addAndGet(1);
    progress.fetched("runs", 100, OptionalLong.empty());
    assertTrue(screen().endsWith("\r\033[Kfetched 200 of 2,000 runs, 1,510 history rows … (Ctrl-C"
        + " cancels)"), screen());
    progress.finished();
    assertTrue(screen().endsWith("\r\033[K"), "the line is erased");
  }

  @Test
  void totalsOfSeveralScansAddUpAndANewStatementStartsAtZero() {
    progress.started();
    progress.fetched("runs", 50, OptionalLong.of(60));
    progress.fetched("runs", 10, OptionalLong.of(40));
    assertEquals("fetched 60 of 100 runs … (Ctrl-C cancels)", progress.line());
    progress.finished();
    progress.started();
    progress.fetched("files", 3, OptionalLong.empty());
    assertEquals("fetched 3 files … (Ctrl-C cancels)", progress.line());
  }
}
