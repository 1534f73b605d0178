package io.github.wandbjdbc.calcite.hinted;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.wandbjdbc.calcite.common.FlatMapIterator;
import io.github.wandbjdbc.calcite.common.IteratorEnumerator;
import io.github.wandbjdbc.calcite.common.MappedIterator;
import io.github.wandbjdbc.calcite.common.PagedIterator;
import io.github.wandbjdbc.calcite.common.WandbSession;
import io.github.wandbjdbc.client.CallControl;
import io.github.wandbjdbc.model.ArtifactNode;
import io.github.wandbjdbc.model.WandbJson;
import io.github.wandbjdbc.pushdown.HintKind;
import io.github.wandbjdbc.pushdown.ResolvedHints;
import io.github.wandbjdbc.pushdown.ScanHints;

import org.apache.calcite.linq4j.Enumerator;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code artifacts}: one row per artifact version of the project, read type by type, collection by
 * collection, each level paged lazily (docs/WIRE.md, ArtifactTypes to ArtifactVersions).
 * {@code type =} and {@code collection =} name the levels directly instead of listing them; one
 * {@code state =} value becomes the versions' {@code filters}.
 */
public final class ArtifactsTable extends HintedTable {
  static final int TYPE = 1;
  static final int COLLECTION = 2;
  static final int STATE = 10;
  private static final List<TableColumn> COLUMNS = Stream.of(ArtifactRows.VERSION_COLUMNS,
      ArtifactRows.DETAIL_COLUMNS).flatMap(List::stream).toList();
  private static final int PAGE = 50;

  private final WandbSession session;
  private final String entity;
  private final String project;

  public ArtifactsTable(WandbSession session, String entity, String project) {
    this.session = session;
    this.entity = entity;
    this.project = project;
    if (!COLUMNS.get(STATE).name().equals("state")) {
      throw new IllegalStateException("state column moved");
    }
  }

  @Override
  WandbSession session() {
    return session;
  }

  @Override
  List<TableColumn> columns() {
    return COLUMNS;
  }

  @Override
  Map<Integer, HintKind> hintable() {
    return Map.of(TYPE, HintKind.ANY_OF, COLLECTION, HintKind.ANY_OF, STATE, HintKind.ANY_OF);
  }

  @Override
  double estimateRowCount(ScanHints hints) {
    double rows = 1000;
    for (int c : List.of(TYPE, COLLECTION, STATE)) {
      if (hints.anyOf().containsKey(c)) {
        rows /= 5;
      }
    }
    return rows;
  }

  @Override
  Enumerator<Object[]> rows(ResolvedHints hints, CallControl control) {
    Iterator<String> types = hints.anyOf(TYPE).map(ArtifactsTable::names)
        .orElseGet(() -> new PagedIterator<>(cursor ->
            session.source().artifactTypes(entity, project, cursor, PAGE, control)));
    String filters = hints.anyOf(STATE).filter(s -> s.size() == 1)
        .map(s -> stateFilter(s.iterator().next())).orElse(null);
    Optional<Set<Object>> collections = hints.anyOf(COLLECTION);
    Iterator<ArtifactNode> versions = new FlatMapIterator<>(types, type -> {
      Iterator<String> names = collections.map(ArtifactsTable::names)
          .orElseGet(() -> new PagedIterator<>(cursor -> session.source()
              .artifactCollections(entity, project, type, cursor, PAGE, control)));
      return new FlatMapIterator<>(names, collection -> new PagedIterator<>(cursor ->
          session.source().artifactVersions(entity, project, type, collection, filters, cursor,
              PAGE, control)));
    });
    return new IteratorEnumerator(new MappedIterator<>(versions, a -> {
      Object[] head = ArtifactRows.version(a);
      Object[] tail = ArtifactRows.details(a);
      Object[] row = new Object[head.length + tail.length];
      System.arraycopy(head, 0, row, 0, head.length);
      System.arraycopy(tail, 0, row, head.length, tail.length);
      return row;
    }));
  }

  private static Iterator<String> names(Set<Object> values) {
    return values.stream().map(Object::toString).sorted().iterator();
  }

  private static String stateFilter(Object state) {
    ObjectNode filter = WandbJson.envelopeMapper().createObjectNode();
    filter.put("state", state.toString());
    return filter.toString();
  }

  @Override
  public String tableRemarks() {
    return "Artifact versions of W&B project " + entity + "/" + project
        + ", one row per version; join lineage on artifact_id for the runs that used or logged it.";
  }
}
