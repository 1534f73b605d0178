package io.github.wandbjdbc.support;

import static org.junit.jupiter.api.Assertions.fail;

import io.github.wandbjdbc.client.ApiKey;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Looks for API keys in what a user can see. A key counts as shown when any {@value #PIECE}
 * characters of it appear, plainly or in the Base64 of its Basic {@code Authorization} header:
 * a message cut short in the middle of the key shows part of it, and replacing the whole key
 * cannot catch that.
 */
public final class KeyLeaks {
  /** Long enough never to occur by chance, short enough to catch half a key. */
  public static final int PIECE = 12;

  private final List<String> secrets = new ArrayList<>();

  public KeyLeaks(String... keys) {
    for (String key : keys) {
      secrets.add(key);
      secrets.add(new ApiKey(key).basicAuthorization().substring("Basic ".length()));
    }
  }

  /** Fails if {@code text} shows a key; the failure quotes the text around it, the key masked. */
  public void assertNoneIn(String what, String text) {
    for (String secret : secrets) {
      for (int i = 0; i + PIECE <= secret.length(); i++) {
        int at = text.indexOf(secret.substring(i, i + PIECE));
        if (at >= 0) {
          fail(what + " shows an API key (characters " + i + ".." + (i + PIECE) + " of "
              + (secrets.indexOf(secret) % 2 == 0 ? "the key" : "its Basic header") + ", at "
              + at + "): ..." + masked(text.substring(Math.max(0, at - 160),
              Math.min(text.length(), at + secret.length() + 40))).replace('\n', ' ') + "...");
        }
      }
    }
  }

  /**
   * Everything an exception shows: the message, {@code toString()} and stack trace of it, of
   * each cause and suppressed exception, and of each next exception of an SQLException.
   */
  public static String shown(Throwable thrown) {
    StringBuilder out = new StringBuilder();
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<Throwable> todo = new ArrayDeque<>(List.of(thrown));
    while (!todo.isEmpty()) {
      Throwable t = todo.pop();
      if (!seen.add(t)) {
        continue;
      }
      out.append(t.getMessage()).append('\n').append(t.getLocalizedMessage()).append('\n')
          .append(t).append('\n');
      StringWriter trace = new StringWriter();
      t.printStackTrace(new PrintWriter(trace));
      out.append(trace).append('\n');
      if (t.getCause() != null) {
        todo.add(t.getCause());
      }
      todo.addAll(List.of(t.getSuppressed()));
      if (t instanceof SQLException sql && sql.getNextException() != null) {
        todo.add(sql.getNextException());
      }
    }
    return out.toString();
  }

  /** Everything a chain of warnings shows, each warning as {@link #shown} shows it. */
  public static String shown(SQLWarning first) {
    StringBuilder out = new StringBuilder();
    for (SQLWarning w = first; w != null; w = w.getNextWarning()) {
      out.append(shown((Throwable) w));
    }
    return out.toString();
  }

  /** The text with each key, and then each piece of one, replaced by a note of what it was. */
  private String masked(String text) {
    String out = text;
    for (int s = 0; s < secrets.size(); s++) {
      out = out.replace(secrets.get(s), s % 2 == 0 ? "<the key>" : "<its Basic header>");
    }
    for (boolean found = true; found; ) {
      found = false;
      for (String secret : secrets) {
        for (int i = 0; i + PIECE <= secret.length() && !found; i++) {
          int at = out.indexOf(secret.substring(i, i + PIECE));
          if (at >= 0) {
            // The whole run of the secret from here, so that a cut key reads as one note.
            int end = at + PIECE;
            for (int j = i + PIECE; j < secret.length() && end < out.length()
                && out.charAt(end) == secret.charAt(j); j++) {
              end++;
            }
            out = out.substring(0, at) + "<" + (end - at) + " characters of a key>"
                + out.substring(end);
            found = true;
          }
        }
      }
    }
    return out;
  }
}
