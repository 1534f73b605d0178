package io.github.wandbjdbc.testserver;

import io.github.wandbjdbc.testserver.exports.ExportOptions;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line of {@link Main}, parsed. */
record MainOptions(int port, List<Path> dataDirs, boolean generated, String apiKey, long latencyMillis,
    Path recordTo, boolean caseInsensitiveStrings, ExportOptions exports, boolean help) {

  static final String USAGE = String.join(System.lineSeparator(),
      "Usage: Main [options]",
      "  --port N              listen on 127.0.0.1:N (default 0 = any free port)",
      "  --data DIR            serve run folders DIR/<entity>/<project>/<run folder>/ (repeatable)",
      "  --no-generated        leave out the generated sample projects (demo-team/...)",
      "  --api-key KEY         the API key to accept (default: WandbTestServer.DEFAULT_API_KEY)",
      "  --latency-ms N        add N ms of simulated latency to every request",
      "  --record DIR          write every request body as a JSON file into DIR",
      "  --case-insensitive    compare strings in filters and order case-insensitively",
      "History exports (Run.parquetHistory, files served from a second port acting as storage):",
      "  --no-exports          serve no parquetHistory at all, as an older W&B server",
      "  --live-steps N        leave the last N steps of each run unexported (they are liveData)",
      "  --unexported RUN      export nothing of run RUN (repeatable; running runs never are)",
      "  --export-files R,G    at most R rows per file (default 10000), G per row group (3000)",
      "  --expired-issues N    hand out already expired URLs the first N times a run is asked",
      "  --damage RUN=KIND     serve RUN's files damaged: NOT_PARQUET, CUT, SERVER_ERROR, MISSING",
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
    ExportOptions exports = ExportOptions.DEFAULT;
    java.util.Set<String> unexported = new java.util.HashSet<>();
    java.util.Map<String, ExportOptions.Damage> damage = new java.util.HashMap<>();
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
        case "--no-exports":
          exports = exports.withServed(false);
          break;
        case "--live-steps":
          exports = exports.withLiveSteps(integer(arg, value(args, ++i, arg)));
          break;
        case "--unexported":
          unexported.add(value(args, ++i, arg));
          break;
        case "--export-files": {
          String[] sizes = value(args, ++i, arg).split(",", 2);
          if (sizes.length != 2) {
            throw new IllegalArgumentException(arg + " needs ROWS,GROUP_ROWS");
          }
          exports = exports.withFiles(integer(arg, sizes[0]), integer(arg, sizes[1]));
          break;
        }
        case "--expired-issues":
          exports = exports.withExpiredIssues(integer(arg, value(args, ++i, arg)));
          break;
        case "--damage": {
          String[] runAndKind = value(args, ++i, arg).split("=", 2);
          try {
            damage.put(runAndKind[0], ExportOptions.Damage.valueOf(runAndKind[1]));
          } catch (RuntimeException e) {
            throw new IllegalArgumentException(arg + " needs RUN=NOT_PARQUET|CUT|SERVER_ERROR|MISSING");
          }
          break;
        }
        case "--help":
        case "-h":
          help = true;
          break;
        default:
          throw new IllegalArgumentException("unknown option: " + arg);
      }
    }
    exports = exports.withUnexported(unexported).withDamage(damage);
    return new MainOptions(port, dataDirs, generated, apiKey, latency, record, caseInsensitive,
        exports, help);
  }

  WandbTestServer.Builder toBuilder() {
    WandbTestServer.Builder builder = WandbTestServer.builder()
        .port(port)
        .generatedProjects(generated)
        .apiKey(apiKey)
        .latencyMillis(latencyMillis)
        .caseInsensitiveStrings(caseInsensitiveStrings)
        .exports(exports);
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
