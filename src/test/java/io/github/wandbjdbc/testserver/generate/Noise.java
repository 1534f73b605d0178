package io.github.wandbjdbc.testserver.generate;

/**
 * Deterministic per-step noise for generated rows: a pure function of (seed, step), so a row can be
 * rebuilt at any time without keeping a random generator's state.
 */
final class Noise {

  private Noise() {
  }

  /** A value in [-1, 1), spread evenly, from SplitMix64's finaliser. */
  static double of(long seed, long step) {
    long z = seed + 0x9E3779B97F4A7C15L * (step + 1);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z = z ^ (z >>> 31);
    return (z >>> 11) * 0x1.0p-52 - 1.0;
  }

  /** Rounds to 6 significant decimals, as logged metrics usually look (and to keep rows short). */
  static double round(double value) {
    return Double.isFinite(value) ? Math.round(value * 1e6) / 1e6 : value;
  }
}
