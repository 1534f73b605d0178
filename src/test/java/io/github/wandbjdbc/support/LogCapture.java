package io.github.wandbjdbc.support;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Captures everything logged through java.util.logging at every level (the driver's own logging
 * and, through slf4j-jdk14, Calcite's and HttpClient's), formatted as a log file would show it.
 */
public final class LogCapture implements AutoCloseable {
  private final Logger root = Logger.getLogger("");
  private final Level previousLevel = root.getLevel();
  private final List<String> lines = new ArrayList<>();
  private final Handler handler = new Handler() {
    private final SimpleFormatter formatter = new SimpleFormatter();

    @Override
    public void publish(LogRecord record) {
      // Formatted outside the lock: formatting may log (Janino's toString of a parameter), and
      // another thread holding the FileHandler's lock may be logging here meanwhile: a deadlock.
      String line = formatter.format(record);
      synchronized (lines) {
        lines.add(line);
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  public LogCapture() {
    handler.setLevel(Level.ALL);
    root.setLevel(Level.ALL);
    root.addHandler(handler);
  }

  public String text() {
    synchronized (lines) {
      return String.join("", lines);
    }
  }

  @Override
  public void close() {
    root.removeHandler(handler);
    root.setLevel(previousLevel);
  }
}
