package io.github.wandbjdbc.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The driver's name and version, from {@code version.properties} written by the build. */
public final class DriverInfo {
  public static final String NAME = "wandb-jdbc";
  public static final String VERSION = readVersion();

  private DriverInfo() {}

  static String userAgent() {
    return NAME + "/" + VERSION + " (Java " + System.getProperty("java.version") + ")";
  }

  static int major() {
    return part(0);
  }

  static int minor() {
    return part(1);
  }

  private static int part(int index) {
    String[] parts = VERSION.split("[.-]");
    try {
      return index < parts.length ? Integer.parseInt(parts[index]) : 0;
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static String readVersion() {
    try (InputStream in = DriverInfo.class.getResourceAsStream("version.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "0.0.0");
    } catch (IOException e) {
      return "0.0.0";
    }
  }
}
