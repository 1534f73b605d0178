package io.github.wandbjdbc.testserver.http;

import io.github.wandbjdbc.testserver.faults.Fault;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Which well-formed requests the server refuses with HTTP 400 and W&B's error body, standing in for
 * a W&B deployment that does not accept some filter or order the driver pushes (an older server, an
 * operator it lacks). Unlike a {@link Fault} it is a rule, asked about every authorized request.
 */
@FunctionalInterface
public interface Refusal {
  /** Refuses nothing. */
  Refusal NONE = (operation, variables) -> false;

  /**
   * @param operation the request's operation name, e.g. {@code Runs}, may be null
   * @param variables the request's variables (a JSON null when absent)
   */
  boolean refuses(String operation, JsonNode variables);
}
