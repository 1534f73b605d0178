package io.github.wandbjdbc.testserver;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line of {@link Main}, parsed. */
record MainOptions(int port, List<Path> dataDirs, boolean generated, String apiKey, long latencyMillis,
    Path recordTo, boolean caseInsensitiveStrings, boolean help) {

  static final String USAGE = String.join(System.lineSeparator(),
      "Usage: Main [options]",
      "  --port N              listen on 127.0.0.1:N (default 0 = any free port)",
      "  --data DIR            serve run folders DIR/<entity>/<project>/<run folder>/ (repeatable)",
      "  --no-generated        leave out the generated sample projects (demo-team/...)",
      "  --api-key KEY         the API key to accept (default: WandbTestServer.DEFAULT_API_KEY)",
      "  --latency-ms N        add N ms of simulated latency to every request",
      "  --record DIR          write every request body as a JSON file into DIR",
      "  --case-insensitive    compare strings in filters and order case-insensitively",
      "  --help                show this text");

  MainOptions {
    dataDirs = List.copyOf(dataDirs);
  }

  static MainOptions parse(String... args) {
    int port = 0;
    List<Path> dataDirs = new ArrayList<>();
    boolean generated = true;
    String apiKey = WandbTestServer.DEFAULT_API_KEY;
    long latency = 0;
    Path record = null;
    boolean caseInsensitive = false;
    boolean help = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "--port":
          port = integer(arg, value(args, ++i, arg));
          break;
        case "--data":
          dataDirs.add(Path.of(value(args, ++i, arg)));
          break;
        case "--no-generated":
          generated = false;
          break;
        case "--api-key":
          apiKey = value(args, ++i, arg);
          break;
        case "--latency-ms":
          latency = integer(arg, value(args, ++i, arg));
          break;
        case "--record":
          record = Path.of(value(args, ++i, arg));
          break;
        case "--case-insensitive":
          caseInsensitive = true;
          break;
        case "--help":
        case "-h":
          help = true;
          break;
        default:
          throw new IllegalArgumentException("unknown option: " + arg);
      }
    }
    return new MainOptions(port, dataDirs, generated, apiKey, latency, record, caseInsensitive, help);
  }

  WandbTestServer.Builder toBuilder() {
    WandbTestServer.Builder builder = WandbTestServer.builder()
        .port(port)
        .generatedProjects(generated)
        .apiKey(apiKey)
        .latencyMillis(latencyMillis)
        .caseInsensitiveStrings(caseInsensitiveStrings);
    dataDirs.forEach(builder::dataDir);
    if (recordTo != null) {
      builder.recordTo(recordTo);
    }
    return builder;
  }


  private static String value(String[] args, int index, String option) {
    if (index >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[index];
  }

  private static int integer(String option, String value) {
    try {
      int parsed = Integer.parseInt(value);
      if (parsed < 0) {
        throw new IllegalArgumentException(option + " must not be negative: " + value);
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " needs a number, got: " + value);
    }
  }
}
