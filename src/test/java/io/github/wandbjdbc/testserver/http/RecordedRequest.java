package io.github.wandbjdbc.testserver.http;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * One request as the server saw it. Never holds the {@code Authorization} header or the API key;
 * {@code authorized} says whether the key matched.
 *
 * @param seq           arrival number, from 1, per server
 * @param operationName the body's {@code operationName}, else the name of the document's single
 *                      operation, else null
 * @param query         the GraphQL document, null when the body was not a JSON object with a query
 * @param variables     the body's {@code variables} (a JSON null when absent)
 * @param httpStatus    the status the server answered with
 * @param userAgent     the {@code User-Agent} header, may be null
 */
public record RecordedRequest(
    long seq,
    String operationName,
    String query,
    JsonNode variables,
    int httpStatus,
    boolean authorized,
    String userAgent,
    Instant receivedAt) {
}
