package io.github.wandbjdbc.support;

import java.util.List;
import java.util.Set;

/**
 * One mutated server answer of the stream and artifact answer families ({@link
 * HistoryAnswerMutations}, {@link ArtifactAnswerMutations}): the bodies to serve, in order, to
 * the first requests of {@code operation}, and what the rows may be if the statement does not end
 * in an SQLException.
 *
 * @param touched what the mutation touched, resolved by the family to fault-free rows: an
 *                {@code Integer} index into the answer's row list (history, events), a
 *                {@code Long} step (sampledHistory), a {@code String} artifact id, or for
 *                {@link Expect#SUBSET} the value a kept row must not have in {@code column}
 * @param fed     the columns the touched field feeds; {@code "*"} for all but {@code run_id}
 * @param steps   for a {@code _step} mutation, the values the step column may show besides
 *                NULL and the old step
 * @param mayDrop whether the touched row may be missing: its new step is outside the window
 *                the driver asked for, or the row was taken out of the answer
 */
record AnswerMutation(String label, String operation, List<String> bodies, Expect expect,
    Object touched, Set<String> fed, Set<Long> steps, boolean mayDrop) {

  /** What correct rows are for this mutation (an SQLException with a state is always allowed). */
  enum Expect {
    /** Exactly the fault-free rows. */
    SAME,
    /** The fault-free rows except one, which may differ only in the columns fed. */
    TOUCHED,
    /** Fault-free rows, each at most once; every row not matching {@code touched} present. */
    SUBSET,
    /** Only an SQLException is correct. */
    ERROR
  }

  static AnswerMutation same(String label, String operation, String body) {
    return new AnswerMutation(label, operation, List.of(body), Expect.SAME, null, Set.of(),
        Set.of(), false);
  }

  static AnswerMutation error(String label, String operation, String body) {
    return new AnswerMutation(label, operation, List.of(body), Expect.ERROR, null, Set.of(),
        Set.of(), false);
  }

  static AnswerMutation touched(String label, String operation, String body, Object touched,
      Set<String> fed) {
    return new AnswerMutation(label, operation, List.of(body), Expect.TOUCHED, touched, fed,
        Set.of(), false);
  }
}
