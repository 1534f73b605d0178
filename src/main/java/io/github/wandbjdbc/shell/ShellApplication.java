package io.github.wandbjdbc.shell;

import io.github.wandbjdbc.jdbc.DriverInfo;
import io.github.wandbjdbc.jdbc.WandbDriver;

import sqlline.Application;
import sqlline.BuiltInProperty;
import sqlline.PromptHandler;
import sqlline.SqlLine;
import sqlline.SqlLineOpts;

import java.util.Collection;
import java.util.List;

/** sqlline as the wandb-jdbc shell: our name and version, our driver, our URL forms. */
public final class ShellApplication extends Application {
  @Override
  public String getInfoMessage() {
    return DriverInfo.NAME + " " + DriverInfo.VERSION + " SQL shell (sqlline). "
        + "End statements with ';'. !tables, !columns TABLE, !help, !quit.";
  }

  @Override
  public String getVersion() {
    return DriverInfo.VERSION;
  }

  @Override
  public Collection<String> initDrivers() {
    return List.of(WandbDriver.class.getName());
  }

  @Override
  public List<String> allowedDrivers() {
    return List.of(WandbDriver.class.getName());
  }

  /** The key comes from the URL, the environment or -p; never prompt for a user name. */
  @Override
  public String getDefaultInteractiveMode() {
    return "notAskCredentials";
  }

  /**
   * Keeps the options of the command line, which sqlline would otherwise reset to defaults, and
   * gives output a width where the terminal has none (a pipe, a pseudo-terminal without a size):
   * sqlline would print tables zero columns wide.
   */
  @Override
  public SqlLineOpts getOpts(SqlLine sqlLine) {
    SqlLineOpts opts = sqlLine.getOpts();
    if (opts.getMaxWidth() <= 0) {
      opts.set(BuiltInProperty.MAX_WIDTH, fallbackWidth());
    }
    return opts;
  }

  private static int fallbackWidth() {
    try {
      return Math.max(40, Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "160")));
    } catch (NumberFormatException e) {
      return 160;
    }
  }

  @Override
  public PromptHandler getPromptHandler(SqlLine sqlLine) {
    return new ShellPrompt(sqlLine);
  }

  @Override
  public Collection<String> getConnectionUrlExamples() {
    return List.of(WandbDriver.PREFIX, WandbDriver.PREFIX + "entity=<team>;project=<project>",
        WandbDriver.PREFIX + "baseUrl=https://<host>;entity=<team>");
  }
}
