package io.github.wandbjdbc.testserver.graphql;

/**
 * A schema field the test server does not resolve (yet), e.g. {@code logLines} or artifact
 * files. It becomes an ordinary GraphQL error on that field (HTTP 200), so a client sees plainly which part of
 * its query the test server cannot answer rather than a silently empty value.
 */
final class NotServedException extends RuntimeException {

  NotServedException(String typeAndField) {
    super(typeAndField + " is not served by the wandb-jdbc test server");
  }
}
