package io.github.wandbjdbc.columns;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.wandbjdbc.model.KeySelection;
import io.github.wandbjdbc.model.RunField;
import io.github.wandbjdbc.model.RunSelection;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

class FieldSelectionTest {
  private static RunColumn attr(RunAttribute a) {
    return new RunColumn.Attribute(a);
  }

  private static RunColumn key(KeyScope scope, String... path) {
    return new RunColumn.Key(scope, List.of(path), ColumnType.DOUBLE, 10);
  }

  @Test
  void onlyTheFieldsOfTheChosenColumns() {
    RunSelection s = FieldSelection.of(List.of(attr(RunAttribute.RUN_ID), attr(RunAttribute.STATE),
        attr(RunAttribute.USERNAME)));
    assertEquals(Set.of(RunField.STATE, RunField.USER), s.fields());
    assertEquals(KeySelection.NONE, s.config());
    assertEquals(KeySelection.NONE, s.summary());
  }

  @Test
  void keyColumnsSelectTheirTopLevelKeysOnce() {
    RunSelection s = FieldSelection.of(List.of(key(KeyScope.CONFIG, "lr"),
        key(KeyScope.CONFIG, "model", "depth"), key(KeyScope.CONFIG, "model", "width"),
        key(KeyScope.SUMMARY, "val/loss")));
    assertEquals(KeySelection.subset(List.of("lr", "model")), s.config());
    assertEquals(KeySelection.subset(List.of("val/loss")), s.summary());
    assertEquals(Set.of(), s.fields());
  }

  @Test
  void theJsonColumnSelectsTheWholeDocument() {
    RunSelection s = FieldSelection.of(List.of(attr(RunAttribute.CONFIG),
        key(KeyScope.CONFIG, "lr"), key(KeyScope.SUMMARY, "loss")));
    assertEquals(KeySelection.ALL, s.config());
    assertEquals(KeySelection.subset(List.of("loss")), s.summary());
  }
}
