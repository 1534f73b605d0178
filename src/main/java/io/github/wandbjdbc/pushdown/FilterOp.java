package io.github.wandbjdbc.pushdown;

/**
 * The MongoDB-style operators W&B's run filters document (docs/WIRE.md, Filters) that the driver
 * uses.
 */
public enum FilterOp {
  EQ("$eq"),
  NE("$ne"),
  GT("$gt"),
  GTE("$gte"),
  LT("$lt"),
  LTE("$lte"),
  IN("$in"),
  NIN("$nin"),
  REGEX("$regex"),
  EXISTS("$exists");

  private final String wireName;

  FilterOp(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
