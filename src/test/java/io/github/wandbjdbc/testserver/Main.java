package io.github.wandbjdbc.testserver;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the W&B test server on its own (demo, benchmarks, other clients) until the process is killed:
 * <pre>
 * mvn -q -B exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.github.wandbjdbc.testserver.Main \
 *     -Dexec.args="--port 8089 --data ../shared/realdata"
 * </pre>
 * Prints the base URL, the API key to use and the load report. Options: see {@link MainOptions#USAGE}.
 */
public final class Main {

  private Main() {
  }

  public static void main(String[] args) throws InterruptedException {
    MainOptions options;
    try {
      options = MainOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(MainOptions.USAGE);
      System.exit(2);
      return;
    }
    if (options.help()) {
      System.out.println(MainOptions.USAGE);
      return;
    }
    WandbTestServer server = options.toBuilder().start();
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "wandb-test-server-shutdown"));
    describe(server, options, System.out);
    new CountDownLatch(1).await(); // serve until killed
  }

  static void describe(WandbTestServer server, MainOptions options, PrintStream out) {
    out.println("W&B test server listening on " + server.baseUrl() + " (GraphQL endpoint " + server.graphqlUri() + ")");
    out.println("  history exports served from " + server.storageUrl() + " (presigned-style URLs, no key)");
    out.println("API key: " + server.apiKey());
    out.println("  e.g. WANDB_BASE_URL=" + server.baseUrl() + " WANDB_API_KEY=" + server.apiKey());
    out.println("Viewer entity: " + server.data().viewerEntity());
    server.data().entities().forEach(entity -> entity.projects().forEach(project ->
        out.println("  " + entity.name() + "/" + project.name() + ": " + project.runs().size() + " runs")));
    if (!options.dataDirs().isEmpty()) {
      out.println("Data directories " + options.dataDirs() + ": " + server.loadReport().format());
    }
    out.flush();
  }
}
