package io.github.wandbjdbc.shell;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Whether Ctrl-C can reach the shell. A process started with SIGINT ignored (by {@code nohup}, by
 * a shell without job control running it in the background, by a build tool's forked JVM) keeps
 * it ignored: the JVM refuses to install a handler for it, so sqlline's Ctrl-C, which cancels the
 * running statement, never fires, and nothing else would tell the user why.
 */
final class InterruptSignal {
  private InterruptSignal() {}

  /** True when SIGINT is ignored in this process, so Ctrl-C cannot cancel a statement. */
  static boolean ignored() {
    try {
      Signal interrupt = new Signal("INT");
      // The JVM answers SIG_IGN, and keeps it, when the signal was ignored at start; otherwise
      // the handler found is put back at once.
      SignalHandler found = Signal.handle(interrupt, signal -> { });
      Signal.handle(interrupt, found);
      return found == SignalHandler.SIG_IGN;
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      return false; // no SIGINT on this platform, or the JVM keeps it (-Xrs): nothing to say
    }
  }
}
