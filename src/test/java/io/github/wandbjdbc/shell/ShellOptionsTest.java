package io.github.wandbjdbc.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

class ShellOptionsTest {
  @Test
  void oneStatementRunsSilentlyInTheChosenFormatAndTheRestGoesToSqlline() {
    ShellOptions o = ShellOptions.parse("-u", "jdbc:wandb:entity=e", "-e", "SELECT 1",
        "--format", "csv", "--maxWidth=80");
    assertEquals(Optional.of("SELECT 1"), o.statement());
    List<String> args = o.sqllineArguments(false);
    assertEquals(List.of("-u", "jdbc:wandb:entity=e"), args.subList(0, 2));
    assertTrue(args.contains("--outputformat=csv"));
    assertTrue(args.contains("--csvQuoteCharacter='\"'"));
    assertTrue(args.contains("--maxWidth=80"));
    assertEquals(List.of("--silent=true", "-e", "SELECT 1"),
        args.subList(args.size() - 3, args.size()));
  }

  @Test
  void inATerminalTheUrlAsksForProgressUnlessItSaysOtherwise() {
    assertEquals("jdbc:wandb:progress=true",
        ShellOptions.parse().sqllineArguments(true).get(1));
    assertEquals("jdbc:wandb:entity=e;progress=true", ShellOptions.withProgress("jdbc:wandb:entity=e"));
    assertEquals("jdbc:wandb:progress=false", ShellOptions.withProgress("jdbc:wandb:progress=false"));
    assertEquals("jdbc:wandb:", ShellOptions.parse().sqllineArguments(false).get(1));
  }

  @Test
  void badArgumentsAreExplained() {
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> ShellOptions.parse("--format", "xml")).getMessage().contains("table, csv, json"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> ShellOptions.parse("-e")).getMessage().contains("-e needs a value"));
    assertTrue(ShellOptions.parse("--help").help());
    assertEquals("json", ShellOptions.parse("--format=json").format());
  }
}
