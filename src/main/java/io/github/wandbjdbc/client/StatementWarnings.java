package io.github.wandbjdbc.client;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a statement's reads chose to tell the user without failing: a source that answered
 * another way than asked (history read through GraphQL because W&B's exports could not be
 * read). The JDBC layer shows them as the statement's {@code SQLWarning}s. Reads run on several
 * threads, so adding is synchronized; a message said twice is kept once.
 */
public final class StatementWarnings {
  /** Where the warnings of calls outside a statement go: nowhere. */
  static final StatementWarnings DISCARDED = new StatementWarnings();

  private final Set<String> messages = new LinkedHashSet<>();

  public synchronized void add(String message) {
    if (this != DISCARDED) {
      messages.add(message);
    }
  }

  public synchronized List<String> messages() {
    return new ArrayList<>(messages);
  }

  public synchronized void clear() {
    messages.clear();
  }
}
