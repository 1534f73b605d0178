package io.github.wandbjdbc.shell;

import sqlline.ConnectionMetadata;
import sqlline.PromptHandler;
import sqlline.SqlLine;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code wandb:entity/project> }: where unqualified table names go, instead of sqlline's cut-off
 * URL (our URLs are mostly properties after the first {@code ;}).
 */
final class ShellPrompt extends PromptHandler {
  private static final Pattern ENTITY = Pattern.compile("entity=([^;]*)");

  ShellPrompt(SqlLine sqlLine) {
    super(sqlLine);
  }

  @Override
  protected String getDefaultPrompt(int connectionIndex, String url, String defaultPrompt) {
    if (url == null) {
      return defaultPrompt;
    }
    ConnectionMetadata meta = sqlLine.getConnectionMetadata();
    try {
      // The driver's own URL names the entity even when the user's came from the environment.
      Matcher entity = ENTITY.matcher(String.valueOf(meta.getUrl()));
      String schema = meta.getCurrentSchema();
      return "wandb:" + (entity.find() ? entity.group(1) : "?")
          + (schema == null || schema.isEmpty() ? "" : "/" + schema) + "> ";
    } catch (RuntimeException e) {
      return super.getDefaultPrompt(connectionIndex, url, defaultPrompt);
    }
  }
}
