package io.github.wandbjdbc.calcite;

import io.github.wandbjdbc.client.WandbClient;

import java.util.Objects;

/**
 * What the tables of one JDBC connection share: the client, the entity whose projects are the
 * schemas, and the scan settings. Closed with the connection.
 */
public final class WandbSession implements AutoCloseable {
  private final WandbClient client;
  private final String entity;
  private final ScanSettings settings;

  public WandbSession(WandbClient client, String entity, ScanSettings settings) {
    this.client = Objects.requireNonNull(client, "client");
    this.entity = Objects.requireNonNull(entity, "entity");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  public WandbClient client() {
    return client;
  }

  public String entity() {
    return entity;
  }

  public ScanSettings settings() {
    return settings;
  }

  @Override
  public void close() {
    client.close();
  }

  @Override
  public String toString() {
    return "WandbSession[entity=" + entity + "]";
  }
}
